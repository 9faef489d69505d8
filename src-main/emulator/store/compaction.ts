import type { ObjectType, StripeObject } from './types';

interface Template {
  order: string[];
  values: Record<string, unknown>;
  /** JSON of object-valued defaults, for comparison. */
  json: Record<string, string>;
}

/**
 * Stores objects without the top-level fields that equal their type's template (mostly nulls and
 * fixed defaults), and restores them on read in the template's key order. Halves the size of the
 * million-row customer table, which is what makes large datasets fast to generate.
 */
export class Compactor {
  private readonly templates = new Map<ObjectType, Template>();

  /**
   * @param templates typical objects per type
   * @param alwaysStored fields kept even when default, because list filters read them with json_extract
   */
  constructor(
    templates: Partial<Record<ObjectType, object>>,
    alwaysStored: Partial<Record<ObjectType, string[]>> = {},
  ) {
    for (const [type, template] of Object.entries(templates) as [ObjectType, Record<string, unknown>][]) {
      const object = { ...template };
      for (const key of alwaysStored[type] ?? []) delete object[key];
      const json: Record<string, string> = {};
      for (const [key, value] of Object.entries(object)) {
        if (typeof value === 'object' && value !== null) json[key] = JSON.stringify(value);
      }
      // Restored objects share these defaults (no per-row copies on hot list paths), so they must never change.
      this.templates.set(type, { order: Object.keys(template), values: deepFreeze(structuredClone(object)), json });
    }
  }

  compact(type: ObjectType, object: StripeObject): string {
    const template = this.templates.get(type);
    if (!template) return JSON.stringify(object);
    const kept: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      const value = object[key];
      if (key in template.values && this.isDefault(template, key, value)) continue;
      kept[key] = value;
    }
    return JSON.stringify(kept);
  }

  expand(type: ObjectType, json: string): StripeObject {
    const stored = JSON.parse(json) as StripeObject;
    const template = this.templates.get(type);
    if (!template) return stored;
    const full: Record<string, unknown> = {};
    for (const key of template.order) {
      if (key in stored) full[key] = stored[key];
      else full[key] = template.values[key];
    }
    for (const key of Object.keys(stored)) if (!(key in full)) full[key] = stored[key];
    return full as StripeObject;
  }

  private isDefault(template: Template, key: string, value: unknown): boolean {
    const defaultJson = template.json[key];
    if (defaultJson === undefined) return value === template.values[key];
    return typeof value === 'object' && value !== null && JSON.stringify(value) === defaultJson;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
