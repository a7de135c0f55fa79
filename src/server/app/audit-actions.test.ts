import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SERVER = fileURLToPath(new URL('..', import.meta.url));
const locale = (lang: string): unknown => JSON.parse(readFileSync(new URL(`../../web/i18n/locales/${lang}.json`, import.meta.url), 'utf8'));
const texts = { de: locale('de'), en: locale('en') };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Every action code the server can write: the `action` of each `recordAuditEvent(…, { action })`
 * call, read with the TypeScript parser. A string, a `cond ? 'a' : 'b'`, a const name and
 * `CONST_MAP[x]` of a const object are followed; anything else fails, so a code cannot slip past.
 */
function auditActionCodes(): { codes: Map<string, string>; unreadable: string[] } {
  const codes = new Map<string, string>();
  const unreadable: string[] = [];
  for (const file of sourceFiles(SERVER)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('recordAuditEvent(')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const consts = new Map<string, ts.Expression>();
    const collectConsts = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) consts.set(node.name.text, node.initializer);
      ts.forEachChild(node, collectConsts);
    };
    collectConsts(source);
    const where = (node: ts.Node) => `${relative(SERVER, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const strip = (e: ts.Expression): ts.Expression =>
      ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isSatisfiesExpression(e) ? strip(e.expression) : e;
    const values = (expr: ts.Expression, at: ts.Node): string[] | null => {
      const e = strip(expr);
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
      if (ts.isConditionalExpression(e)) {
        const [a, b] = [values(e.whenTrue, at), values(e.whenFalse, at)];
        return a && b ? [...a, ...b] : null;
      }
      if (ts.isIdentifier(e) && consts.has(e.text)) return values(consts.get(e.text)!, at);
      if (ts.isElementAccessExpression(e) || ts.isPropertyAccessExpression(e)) {
        const target = strip(e.expression);
        const map = ts.isIdentifier(target) ? consts.get(target.text) : undefined;
        const object = map && strip(map);
        if (!object || !ts.isObjectLiteralExpression(object)) return null;
        const all = object.properties.map((p) => (ts.isPropertyAssignment(p) ? values(p.initializer, at) : null));
        return all.every((v) => v !== null) ? all.flat() as string[] : null;
      }
      return null;
    };
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'recordAuditEvent') {
        const input = node.arguments[1] && strip(node.arguments[1]);
        const action = input && ts.isObjectLiteralExpression(input)
          ? input.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'action')
          : undefined;
        const found = action ? values(action.initializer, node) : null;
        if (found) for (const code of found) codes.set(code, where(node));
        else unreadable.push(where(node));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { codes, unreadable };
}

function textAt(texts: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), texts);
}

describe('audit action codes', () => {
  const { codes, unreadable } = auditActionCodes();

  it('are all literal enough to be read from the source', () => {
    expect(unreadable, 'recordAuditEvent calls whose action is not a literal, a condition or a const map').toEqual([]);
    // The parser really found the calls: the module codes the activity page shows most.
    for (const code of ['auth.login', 'key.assigned', 'key.moved', 'key_group.created', 'key.activated', 'key.revoked']) expect(codes.has(code), code).toBe(true);
  });

  it('have a German and an English text on the activity page, so no raw code is ever shown', () => {
    const missing = [...codes].flatMap(([code, at]) =>
      (['de', 'en'] as const)
        .filter((lang) => typeof textAt(texts[lang], `account.activity.actions.${code}`) !== 'string')
        .map((lang) => `${lang}: ${code} (${at})`),
    );
    expect(missing).toEqual([]);
  });
});
