import { builtModule, runInFreshNode } from '../../test/built-module';

const { file: built, describeBuilt } = builtModule('libs/core/src/database/typeorm-driver-factory.js', 'TypeORM driver factory');

function run(useOnDemand: boolean) {
  const script = `
    const { loadTypeormDriversOnDemand } = require(${JSON.stringify(built)});
    const installed = ${useOnDemand} ? [loadTypeormDriversOnDemand(), loadTypeormDriversOnDemand()] : [];
    const { DataSource } = require('typeorm');
    const postgres = new DataSource({ type: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' });
    let other = '';
    try { new DataSource({ type: 'mysql' }); } catch (err) { other = err.message; }
    const drivers = Object.keys(require.cache).filter((k) => /[\\\\/]typeorm[\\\\/]driver[\\\\/].+Driver\\.js$/.test(k)).map((k) => k.split(/[\\\\/]typeorm[\\\\/]driver[\\\\/]/)[1].replace(/\\\\/g, '/')).sort();
    console.log(JSON.stringify({ installed, driver: postgres.driver.constructor.name, other, drivers }));`;
  return runInFreshNode<{ installed: boolean[]; driver: string; other: string; drivers: string[] }>(script);
}

describeBuilt('loadTypeormDriversOnDemand', () => {
  it("TypeORM's own factory loads every driver it knows (what this saves; if an upgrade stops that, drop the module)", () => {
    const seen = run(false);
    expect(seen.driver).toBe('PostgresDriver');
    expect(seen.drivers).toEqual(expect.arrayContaining(['sap/SapDriver.js', 'spanner/SpannerDriver.js', 'mysql/MysqlDriver.js', 'oracle/OracleDriver.js', 'sqlserver/SqlServerDriver.js']));
    expect(seen.drivers.length).toBeGreaterThan(15);
  });

  it('then loads the postgres driver alone, once, and names what it cannot create', () => {
    const seen = run(true);
    expect(seen.installed).toEqual([true, false]); // the second call finds the factory in place
    expect(seen.driver).toBe('PostgresDriver');
    expect(seen.drivers).toEqual(['postgres/PostgresDriver.js']);
    expect(seen.other).toMatch(/Skygate runs on PostgreSQL or PGlite: no TypeORM driver "mysql"/);
  });
});
