// Runs one SQL statement in an in-memory DuckDB and prints its rows as a JSON array on stdout
// (BIGINT as strings, as @duckdb/node-api's JSON conversion does). An error goes to stderr with exit code 1.
//   node tools/duckdb/query.mjs "select count(*) as n from read_parquet('x.parquet')"
import { DuckDBInstance } from '@duckdb/node-api';

const sql = process.argv[2];
if (!sql) {
  console.error('usage: node query.mjs "SQL"');
  process.exit(2);
}
try {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(sql);
  process.stdout.write(JSON.stringify(reader.getRowObjectsJson()));
} catch (error) {
  console.error(`duckdb: ${error.message}`);
  process.exit(1);
}
