// The forms of Azure identifiers the inputs take, in one place.

/** A GUID (subscription, tenant, client id). */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A tenant: a GUID or a verified domain such as contoso.onmicrosoft.com. */
export const TENANT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9][a-z0-9.-]*\.[a-z]{2,})$/i;
/** A resource group or managed identity name. */
export const AZURE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.()-]{0,89}$/;
/** A Flexible Server name. */
export const SERVER_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
