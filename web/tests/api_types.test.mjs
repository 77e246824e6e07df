// The front end's API types (each capability's web/src/<capability>/calls.ts, joined in
// web/src/api.ts) checked against the API's own description
// (src/http/openapi.json), so that they cannot drift: every interface named like a schema of
// components.schemas has the schema's members, no others, each of a matching type and optional
// exactly when an answer may leave it out (the schema neither requires it nor gives it a default
// or marks it read-only: those are always answered). Read with the TypeScript compiler's parser.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);
const ts = createRequire(new URL('web/package.json', root))('typescript');
const openapi = JSON.parse(readFileSync(new URL('src/http/openapi.json', root), 'utf8'));
const schemas = openapi.components.schemas;
// Every interface and type alias of the API's types (the capabilities' calls.ts and http.ts) by
// name.
const declarations = new Map();
const web = new URL('web/src/', root);
for (const file of readdirSync(web, { recursive: true })) {
  if (!/(^|\/)(calls|http)\.ts$/.test(file)) continue;
  const source = ts.createSourceFile(
    file,
    readFileSync(new URL(file, web), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
      assert.ok(!declarations.has(statement.name.text), `${statement.name.text} is declared twice`);
      declarations.set(statement.name.text, statement);
    }
  }
}

// An interface's members, those of the interfaces it extends included.
function membersOf(declaration) {
  const members = new Map();
  for (const clause of declaration.heritageClauses ?? []) {
    for (const base of clause.types) {
      for (const [name, member] of membersOf(declarations.get(base.expression.getText()))) {
        members.set(name, member);
      }
    }
  }
  for (const member of declaration.members) {
    if (ts.isPropertySignature(member)) {
      members.set(member.name.getText().replace(/^'|'$/g, ''), member);
    }
  }
  return members;
}

// A schema's JSON types: 'integer' and 'number' are one TypeScript number; an enum of strings is
// a string; a $ref is the object it names.
function schemaTypes(schema) {
  if (schema.$ref) return new Set(['object']);
  if (schema.enum) {
    return new Set(schema.enum.map((value) => (value === null ? 'null' : typeof value)));
  }
  if (schema.oneOf || schema.anyOf) {
    return new Set((schema.oneOf ?? schema.anyOf).flatMap((s) => [...schemaTypes(s)]));
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return new Set(types.map((type) => (type === 'integer' ? 'number' : type)));
}

// A TypeScript type's JSON types, aliases followed.
function typeTypes(node) {
  if (ts.isParenthesizedTypeNode(node)) return typeTypes(node.type);
  if (ts.isUnionTypeNode(node)) return new Set(node.types.flatMap((t) => [...typeTypes(t)]));
  if (ts.isArrayTypeNode(node) || ts.isTupleTypeNode(node)) return new Set(['array']);
  if (ts.isTypeLiteralNode(node) || ts.isMappedTypeNode(node)) return new Set(['object']);
  if (ts.isIndexedAccessTypeNode(node)) return new Set(['string']);  // a member's literal union
  if (ts.isLiteralTypeNode(node)) {
    if (node.literal.kind === ts.SyntaxKind.NullKeyword) return new Set(['null']);
    if (ts.isStringLiteral(node.literal)) return new Set(['string']);
    if (ts.isNumericLiteral(node.literal)) return new Set(['number']);
    return new Set(['boolean']);
  }
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return new Set(['string']);
    case ts.SyntaxKind.NumberKeyword:
      return new Set(['number']);
    case ts.SyntaxKind.BooleanKeyword:
      return new Set(['boolean']);
    case ts.SyntaxKind.NullKeyword:
      return new Set(['null']);
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Record') return new Set(['object']);
    if (name === 'Array') return new Set(['array']);
    const declaration = declarations.get(name);
    if (declaration && ts.isTypeAliasDeclaration(declaration)) return typeTypes(declaration.type);
    return new Set(['object']);
  }
  throw new Error(`a type the check cannot read: ${node.getText()}`);
}

// A schema's members and the ones it requires, the parts of an allOf merged.
function flatten(schema) {
  if (schema.$ref) return flatten(schemas[schema.$ref.split('/').pop()]);
  const properties = { ...(schema.properties ?? {}) };
  const required = new Set(schema.required ?? []);
  for (const part of schema.allOf ?? []) {
    const flat = flatten(part);
    Object.assign(properties, flat.properties);
    for (const name of flat.required) required.add(name);
  }
  return { properties, required };
}

// The string literals a union names (aliases followed), or null when it is not only those.
function literals(node) {
  if (ts.isTypeReferenceNode(node)) {
    const declaration = declarations.get(node.typeName.getText());
    return declaration && ts.isTypeAliasDeclaration(declaration) ? literals(declaration.type) : null;
  }
  const parts = ts.isUnionTypeNode(node) ? node.types : [node];
  const values = [];
  for (const part of parts) {
    if (ts.isLiteralTypeNode(part) && part.literal.kind === ts.SyntaxKind.NullKeyword) continue;
    if (!ts.isLiteralTypeNode(part) || !ts.isStringLiteral(part.literal)) return null;
    values.push(part.literal.text);
  }
  return values;
}

const checked = [...declarations.keys()].filter(
  (name) => schemas[name] && ts.isInterfaceDeclaration(declarations.get(name)),
);

test('api.ts names its types as openapi.json does', () => {
  assert.ok(checked.length >= 15, `only ${checked.length} interfaces match a schema`);
});

for (const name of checked) {
  test(`api.ts ${name} matches openapi.json's ${name}`, () => {
    const { properties, required } = flatten(schemas[name]);
    const members = membersOf(declarations.get(name));
    assert.deepEqual(
      [...members.keys()].sort(),
      Object.keys(properties).sort(),
      `${name}: the members differ`,
    );
    for (const [member, signature] of members) {
      const property = properties[member];
      const answered = required.has(member) || 'default' in property || property.readOnly === true;
      assert.equal(
        Boolean(signature.questionToken),
        !answered,
        `${name}.${member}: optional in api.ts exactly when an answer may leave it out`,
      );
      assert.deepEqual(
        [...typeTypes(signature.type)].sort(),
        [...schemaTypes(properties[member])].sort(),
        `${name}.${member}: ${signature.type.getText()}`,
      );
      const named = literals(signature.type);
      if (named && property.enum) {
        assert.deepEqual(
          named.sort(),
          property.enum.filter((value) => value !== null).sort(),
          `${name}.${member}: the values differ`,
        );
      }
    }
  });
}
