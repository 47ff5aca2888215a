/*
 * Built-in role definition ids the templates may use, with their names. Ids as listed in Azure's built-in roles
 * reference and the AVM modules' `builtInRoleNames` maps. A GUID in a template that is not here, or whose comment
 * names another role, fails the role test: a wrong id silently grants the wrong permissions.
 */
export const knownRoleIds: Readonly<Record<string, string>> = {
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b': 'Storage Blob Data Owner',
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88': 'Storage Queue Data Contributor',
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3': 'Storage Table Data Contributor',
  '4633458b-17de-408a-b874-0445c86b69e6': 'Key Vault Secrets User',
  '3913510d-42f4-4e42-8a64-420c390055eb': 'Monitoring Metrics Publisher',
  '7f951dda-4ed3-4680-a7ca-43fe172d538d': 'AcrPull',
  '8311e382-0749-4cb8-b61a-304f252e45ec': 'AcrPush',
  // https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/integration#durable-task-data-contributor
  '0ad04412-c4d5-4796-b79c-f76d14c8d402': 'Durable Task Data Contributor',
  // A Cosmos DB data-plane role (sqlRoleDefinitions), not an Azure RBAC role.
  '00000000-0000-0000-0000-000000000002': 'Cosmos DB Built-in Data Contributor',
};

/** The roles the app identity needs on the host storage account: Durable Functions uses blobs, queues and tables. */
export const hostStorageRoles = ['Storage Blob Data Owner', 'Storage Queue Data Contributor', 'Storage Table Data Contributor'] as const;

/** Look a role id up by name. */
export function roleIdOf(name: string): string {
  const id = Object.entries(knownRoleIds).find(([, n]) => n === name)?.[0];
  if (!id) throw new Error(`unknown role ${name}`);
  return id;
}
