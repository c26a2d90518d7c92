// The client's declarations (*.d.ts) against its code: each module exports at run time exactly the
// values its declaration declares, and each declared class has the methods it declares and
// declares the public methods and accessors it has (overrides are declared by the base class). tsc (check.sh) checks the declarations'
// types among themselves and against a usage file; this checks that they describe the code.
import '../support/peers.mjs'; // react.js imports its peer, react, by name
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const dir = new URL('../../../main/webapp/js/syncline/', import.meta.url);
const modules = readdirSync(dir)
  .filter((f) => f.endsWith('.js'))
  .map((f) => f.slice(0, -3));

/** The value exports a declaration declares (types left out), and its classes' members. */
function declared(source) {
  const values = new Set();
  for (const m of source.matchAll(/^export (?:declare )?(?:abstract )?(?:class|function|const|let|enum) ([\w$]+)/gm)) {
    values.add(m[1]);
  }
  for (const m of source.matchAll(/^export \{([^}]*)\}/gm)) {
    for (const name of m[1].split(',')) {
      const spec = name.trim();
      if (spec && !spec.startsWith('type ')) values.add(spec.split(/\s+as\s+/).at(-1));
    }
  }
  const classes = new Map();
  for (const m of source.matchAll(/^export declare (?:abstract )?class ([\w$]+)[^{]*\{\n([\s\S]*?)^\}/gm)) {
    const methods = new Set();
    const members = new Set();
    for (const line of m[2].split('\n')) {
      const member = /^ {2}(?:static )?(?:readonly )?(?:get |set )?([\w$]+)\??\s*(<[^(]*>)?\s*([(:])/.exec(line);
      if (!member || member[1] === 'constructor') continue;
      members.add(member[1]);
      if (member[3] === '(') methods.add(member[1]);
    }
    classes.set(m[1], { methods, members });
  }
  return { values, classes };
}

for (const name of modules) {
  test(`${name}.d.ts declares what ${name}.js exports`, async () => {
    const code = await import(new URL(name + '.js', dir));
    const { values, classes } = declared(readFileSync(new URL(name + '.d.ts', dir), 'utf8'));
    assert.deepEqual(Object.keys(code).sort(), [...values].sort(), 'value exports');
    for (const [className, { methods, members }] of classes) {
      const prototype = code[className].prototype;
      for (const method of methods) {
        assert.equal(typeof prototype[method], 'function', `${className}.${method}() is declared but missing`);
      }
      for (const own of Object.getOwnPropertyNames(prototype)) {
        if (own === 'constructor' || own.startsWith('_')) continue;
        if (own in Object.getPrototypeOf(prototype)) continue; // an override, declared by the base class
        assert.ok(members.has(own), `${className}.${own} is public in the code but not declared`);
      }
    }
  });
}
