/*
 * What a stand-in handler answers: JSON (the service's camelCase shapes) or raw bytes (item content), and the
 * service's error body (`{ $id, innerException, message, typeName, typeKey, errorCode, eventId }`).
 */

export type Reply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; raw: Buffer; contentType: string };

/** An Azure DevOps error reply. */
export function adoError(status: number, typeKey: string, message: string): Reply {
  return {
    status,
    json: { $id: '1', innerException: null, message, typeName: `Microsoft.TeamFoundation.${typeKey}, Microsoft.TeamFoundation.Server.Core`, typeKey, errorCode: 0, eventId: 3000 },
  };
}
