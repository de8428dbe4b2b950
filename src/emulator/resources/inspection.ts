/**
 * The inspection routes: `GET /_emulator/` lists the resource kinds, and `GET /_emulator/<kind>` (e.g.
 * `/_emulator/ota-tasks`) every live resource of a kind as reads show it, with the `ClientToken` and the
 * input of the call that created it. Loopback only, unsigned (the pipeline checks the peer).
 *
 * @packageDocumentation
 */
import type { OperationDescriptor, ServiceDescriptor } from "../../runtime/index.js";
import type { EmulatorRoute, ResourceEngine, ResourceState } from "./engine.js";
import { routeName } from "./engine.js";

/** `Tasks` → `tasks`. */
function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * One listing route per resource, plus the index.
 * @internal
 */
export function inspectionRoutes(service: ServiceDescriptor, engine: ResourceEngine): EmulatorRoute[] {
  const operations = new Map<string, OperationDescriptor>(service.operations.map((op) => [op.name, op]));
  const kinds = service.resources.map((resource) => {
    const list = resource.lifecycle.list === undefined ? undefined : operations.get(resource.lifecycle.list);
    return { resource, path: `/_emulator/${routeName(resource)}`, listName: lowerFirst(list?.pagination?.items ?? "items") };
  });
  const routes: EmulatorRoute[] = kinds.map(({ resource, path, listName }) => ({
    method: "GET",
    path: new RegExp(`^${path}$`),
    async handle(_groups, _body, context) {
      const creates = new Map(
        [resource.lifecycle.create, resource.lifecycle.put]
          .filter((op): op is string => op !== undefined)
          .flatMap((op) => context.store.list(op))
          .map((record) => [record.id, record]),
      );
      const items: unknown[] = [];
      for (const [id, entry] of context.store.states(resource.name)) {
        const created = creates.get(id);
        items.push({
          ...engine.view(resource, entry.state as ResourceState),
          ...(created?.clientToken !== undefined ? { ClientToken: created.clientToken } : {}),
          ...(created !== undefined ? { Input: created.input } : {}),
        });
      }
      return { [listName]: items };
    },
  }));
  routes.push({
    method: "GET",
    path: /^\/_emulator\/?$/,
    async handle(_groups, _body, context) {
      return {
        resources: kinds.map(({ resource, path }) => ({ name: resource.name, path, count: [...context.store.states(resource.name)].length })),
      };
    },
  });
  return routes;
}
