import { moduleTarget, projectModules, projectResources, type BicepProject } from '../bicep-project.js';
import { identifiersWithin, locate, metadataDeclarations, outputDeclarations, parameterDeclarations, stringContent, variableDeclarations, type Decorator } from '../bicep-tree.js';

/*
 * Azure Verified Modules conventions the templates follow: registry modules pinned to a published version, every
 * parameter and output described (parameters as `Required.`/`Optional.`), metadata on every file, GA API versions.
 */

const pinnedRegistryModule = /^br\/public:avm\/(res|ptn|utl)\/[a-z0-9-]+(\/[a-z0-9-]+)*:\d+\.\d+\.\d+$/;

function description(decorators: Decorator[]): string | undefined {
  const arg = decorators.find((d) => d.name === 'description')?.args[0];
  return arg ? stringContent(arg) ?? arg.text : undefined;
}

/** Registry modules are pinned `br/public:avm/...:x.y.z`; local modules exist in the project. */
export function checkModuleReferences(project: BicepProject): string[] {
  return projectModules(project).flatMap((m) => {
    if (m.reference.startsWith('br')) {
      return pinnedRegistryModule.test(m.reference) ? [] : [`${locate(m.file, m.node)} module ${m.symbol}: ${m.reference} is not a pinned br/public:avm/…:x.y.z version`];
    }
    return moduleTarget(project, m) ? [] : [`${locate(m.file, m.node)} module ${m.symbol}: ${m.reference} is not a file of the project`];
  });
}

/** Every parameter and output has a description; parameters say whether they are required. */
export function checkDescriptions(project: BicepProject): string[] {
  return project.files.flatMap((file) => [
    ...parameterDeclarations(file).flatMap((p) => {
      const text = description(p.decorators);
      if (!text) return [`${locate(file, p.node)} parameter ${p.name} has no @description`];
      const optional = p.defaultValue !== undefined || p.type.endsWith('?');
      const prefix = optional ? 'Optional.' : 'Required.';
      return text.startsWith(prefix) ? [] : [`${locate(file, p.node)} parameter ${p.name}: description must start with "${prefix}"`];
    }),
    ...outputDeclarations(file)
      .filter((o) => !description(o.decorators))
      .map((o) => `${locate(file, o.node)} output ${o.name} has no @description`),
  ]);
}

/** Every file says what it deploys. */
export function checkMetadata(project: BicepProject): string[] {
  return project.files.flatMap((file) => {
    const meta = metadataDeclarations(file);
    return ['name', 'description'].filter((k) => !meta.has(k)).map((k) => `${file.path}: no metadata ${k}`);
  });
}

/** Resources use released (non-preview) API versions. */
export function checkApiVersions(project: BicepProject): string[] {
  return projectResources(project, { includeExisting: true })
    .filter((r) => r.apiVersion !== undefined && /preview/i.test(r.apiVersion))
    .map((r) => `${locate(r.file, r.node)} ${r.type}@${r.apiVersion} is a preview API version`);
}

/** No parameter or variable is declared and then never used (the Bicep linter's no-unused-params/-vars). */
export function checkUnused(project: BicepProject): string[] {
  return project.files.flatMap((file) => {
    const uses = new Map<string, number>();
    for (const id of identifiersWithin(file.root)) uses.set(id, (uses.get(id) ?? 0) + 1);
    const declared = [...parameterDeclarations(file).map((p) => ['parameter', p.name] as const), ...[...variableDeclarations(file).keys()].map((v) => ['variable', v] as const)];
    // The declaration itself is one occurrence.
    return declared.filter(([, name]) => (uses.get(name) ?? 0) < 2).map(([kind, name]) => `${file.path}: ${kind} ${name} is never used`);
  });
}
