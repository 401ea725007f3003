// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';
// Usage: node check.js MANIFEST OUT
// MANIFEST (written by DashboardQueriesITCase): {ddl: [sql], tables: [{name, columns, file}],
// queries: [{where, sql}]}. Applies the DDL on chDB (ClickHouse 26.x as a library), loads each
// table's rows exported from ClickHouse 18.16.1 as TabSeparated (server-derived DEFAULT columns
// are left to this engine), runs every query and writes {version, ddl, loaded, queries} to OUT.
// Failures are reported in OUT, not thrown: the ITCase decides and shows every one at once.
const fs = require('fs');
const { Session } = require('chdb');

const [manifestPath, outPath] = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const session = new Session();
const quote = (s) => "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
const attempt = (fn) => {
  try {
    return { ok: true, result: fn() };
  } catch (e) {
    return { ok: false, error: String(e.message || e) };
  }
};

const out = { version: session.query('SELECT version()', 'TSVRaw').trim(), ddl: [], loaded: [], queries: [] };
// The 18.16.1 server the rows come from runs in UTC; render DateTime the same way.
session.query("SET session_timezone = 'UTC'");
for (const sql of manifest.ddl) {
  const r = attempt(() => session.query(sql));
  out.ddl.push({ sql, ok: r.ok, error: r.error });
}
for (const t of manifest.tables) {
  const r = attempt(() => {
    const types = {};
    session
      .query(`SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = ${quote(t.name)}`, 'TSVRaw')
      .split('\n')
      .filter((l) => l)
      .forEach((l) => {
        const [name, type] = l.split('\t');
        types[name] = type;
      });
    const structure = t.columns.map((c) => `${c} ${types[c]}`).join(', ');
    session.query(
      `INSERT INTO ${t.name} (${t.columns.join(', ')}) SELECT * FROM file(${quote(t.file)}, 'TabSeparated', ${quote(structure)})`
    );
    return Number(session.query(`SELECT count() FROM ${t.name} FINAL`, 'TSVRaw').trim());
  });
  out.loaded.push({ table: t.name, ok: r.ok, rows: r.result, error: r.error });
}
for (const q of manifest.queries) {
  const r = attempt(() => session.query(q.sql, 'TabSeparated'));
  out.queries.push({ where: q.where, ok: r.ok, error: r.error, tsv: r.ok ? r.result : undefined });
}
session.close();
fs.writeFileSync(outPath, JSON.stringify(out));
