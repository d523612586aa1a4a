// The checks' runner moved to shared/endpoints/verify.ts (verify-promotion uses it too); kept here for this action's summary.
export * from '../../shared/endpoints/verify.ts';
