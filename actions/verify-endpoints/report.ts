// The report moved to shared/endpoints/report.ts (verify-promotion uses it too); kept here for this action's summary.
export * from '../../shared/endpoints/report.ts';
