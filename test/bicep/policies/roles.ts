import { evaluate, isKnown, loopScopes, projectModules, projectResources, type BicepProject, type Value } from '../bicep-project.js';
import {
  callName,
  locate,
  propertyAt,
  resourceDeclarations,
  stringContent,
  templateParts,
  trailingComment,
  variableDeclarations,
  type BicepFile,
  type ModuleDecl,
  type Node,
  type ResourceDecl,
} from '../bicep-tree.js';
import { knownRoleIds } from '../role-ids.js';

/*
 * Role assignments: named by guid() so a redeploy is idempotent, role ids that are real and commented with their
 * names, and the grants the app identity needs.
 */

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const roleAssignmentTypes = ['microsoft.authorization/roleassignments', 'microsoft.documentdb/databaseaccounts/sqlroleassignments'];

function isGuidCall(node: Node | undefined, minArgs: number): boolean {
  if (node?.type !== 'call_expression' || callName(node) !== 'guid') return false;
  const args = node.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
  return args.length >= minArgs;
}

/** The array literal a module's `params.roleAssignments` is written as (directly or through a var). */
function roleAssignmentElements(mod: ModuleDecl): Node[] {
  let node = propertyAt(mod.body, 'params.roleAssignments');
  if (node?.type === 'identifier') node = variableDeclarations(mod.file).get(node.text);
  return node?.type === 'array' ? node.namedChildren.filter((c) => c.type === 'object') : [];
}

/**
 * Every role assignment (Azure RBAC or Cosmos DB data plane, as a resource or as an AVM module's `roleAssignments`
 * entry) is named by `guid(scope, principal, role)`: deterministic, so redeploying finds it instead of colliding.
 */
export function checkRoleAssignmentNames(project: BicepProject): string[] {
  const fromResources = projectResources(project)
    .filter((r) => roleAssignmentTypes.includes(r.type.toLowerCase()))
    .filter((r) => !isGuidCall(propertyAt(r.body, 'name'), 3))
    .map((r) => `${locate(r.file, r.node)} role assignment ${r.symbol}: name must be guid(scope, principal, role), got ${propertyAt(r.body, 'name')?.text ?? 'nothing'}`);
  const fromModules = projectModules(project).flatMap((m) =>
    roleAssignmentElements(m)
      .filter((el) => !isGuidCall(propertyAt(el, 'name'), 3))
      .map((el) => `${locate(m.file, el)} module ${m.symbol}: roleAssignments entry needs name: guid(scope, principal, role), got ${propertyAt(el, 'name')?.text ?? 'nothing'}`),
  );
  return [...fromResources, ...fromModules];
}

/** Every GUID literal is a known role id, and the comment at the end of its line names that role. */
export function checkRoleIdComments(project: BicepProject): string[] {
  return project.files.flatMap((file) =>
    file.root.descendantsOfType('string').flatMap((node) => {
      const text = stringContent(node);
      if (!text || !guidPattern.test(text)) return [];
      const name = knownRoleIds[text.toLowerCase()];
      if (!name) return [`${locate(file, node)} ${text} is not a known built-in role id (check it against the built-in roles list)`];
      const comment = trailingComment(file, node);
      if (!comment?.startsWith(name)) return [`${locate(file, node)} role id ${text} must carry the comment // ${name}, got ${comment ? `// ${comment}` : 'none'}`];
      return [];
    }),
  );
}

/** A role granted somewhere in the project. */
export interface RoleGrant {
  file: BicepFile;
  node: Node;
  /** The role definition GUID, when known offline. */
  roleId: string | undefined;
  /** The resource type the grant is scoped to (for resources scoped to a symbol of the same file). */
  scopeType: string | undefined;
  /** The principal expression as written, e.g. `appPrincipalId`. */
  principal: string | undefined;
  /** The name expression as written, e.g. `guid(registry.id, appPrincipalId, roleId)`. */
  name: string | undefined;
}

/** The role GUID inside a roleDefinitionId expression: subscriptionResourceId(…, id), or a string ending in the id. */
function roleIdFrom(project: BicepProject, file: BicepFile, node: Node | undefined, scope: Map<string, Value>): string | undefined {
  if (!node) return undefined;
  let candidate: Value | undefined;
  if (node.type === 'call_expression') {
    const args = node.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
    const last = args[args.length - 1];
    candidate = last && evaluate(project, file, last, scope);
  } else if (node.type === 'string' && !isKnown(evaluate(project, file, node, scope))) {
    // e.g. '${account.id}/sqlRoleDefinitions/${roleId}': the id is the last part even though the prefix is not known.
    const last = templateParts(node).at(-1);
    candidate = typeof last === 'string' ? last : last && evaluate(project, file, last, scope);
  } else {
    candidate = evaluate(project, file, node, scope);
  }
  if (typeof candidate !== 'string') return undefined;
  return /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(candidate)?.[1]?.toLowerCase();
}

function scopeTypeOf(decl: ResourceDecl): string | undefined {
  if (decl.type.toLowerCase() === 'microsoft.documentdb/databaseaccounts/sqlroleassignments') return decl.parent?.type ?? 'Microsoft.DocumentDB/databaseAccounts';
  const scope = propertyAt(decl.body, 'scope');
  if (scope?.type !== 'identifier') return undefined;
  return resourceDeclarations(decl.file).find((r) => r.symbol === scope.text)?.type;
}

/** All role grants of the project, one per loop iteration. */
export function roleGrants(project: BicepProject): RoleGrant[] {
  const fromResources = projectResources(project)
    .filter((r) => roleAssignmentTypes.includes(r.type.toLowerCase()))
    .flatMap((r) =>
      loopScopes(project, r).map((scope) => ({
        file: r.file,
        node: r.node,
        roleId: roleIdFrom(project, r.file, propertyAt(r.body, 'properties.roleDefinitionId'), scope),
        scopeType: scopeTypeOf(r),
        principal: propertyAt(r.body, 'properties.principalId')?.text,
        name: propertyAt(r.body, 'name')?.text,
      })),
    );
  const fromModules = projectModules(project).flatMap((m) =>
    roleAssignmentElements(m).map((el) => ({
      file: m.file,
      node: el,
      roleId: roleIdFrom(project, m.file, propertyAt(el, 'roleDefinitionIdOrName'), new Map()),
      scopeType: m.reference,
      principal: propertyAt(el, 'principalId')?.text,
      name: propertyAt(el, 'name')?.text,
    })),
  );
  return [...fromResources, ...fromModules];
}

/** The identity gets every role in `roleNames` on resources of `scopeType` (a resource type or a module reference prefix). */
export function checkGrants(project: BicepProject, scopeType: string, roleNames: readonly string[]): string[] {
  const granted = new Set(
    roleGrants(project)
      .filter((g) => g.scopeType?.toLowerCase().startsWith(scopeType.toLowerCase()))
      .map((g) => g.roleId && knownRoleIds[g.roleId]),
  );
  return roleNames.filter((n) => !granted.has(n)).map((n) => `no ${n} role assignment on ${scopeType}`);
}
