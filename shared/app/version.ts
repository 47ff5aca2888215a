/** The API version reported in the OpenAPI document and the health endpoint. */
export const appVersion = '0.1.0';
