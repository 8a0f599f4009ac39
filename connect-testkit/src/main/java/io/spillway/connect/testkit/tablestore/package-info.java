/**
 * An in-JVM Tablestore for tests: {@link io.spillway.connect.testkit.tablestore.TablestoreServer}
 * speaks Tablestore's HTTP protocol to the real Alibaba Tablestore SDK ({@code SyncClient}, {@code
 * AsyncClient} + {@code DefaultTableStoreWriter}, {@code TimeseriesClient}); {@link
 * io.spillway.connect.testkit.tablestore.TablestoreRows} reads tables (and time series tables)
 * back.
 *
 * <p>The SDK is an optional dependency of the test kit: a module using this package declares {@code
 * com.aliyun.openservices:tablestore} (classifier {@code jar-with-dependencies}, version and
 * exclusions from the root POM) itself.
 *
 * <p>Served: CreateTable, DescribeTable, ListTable, DeleteTable, PutRow, UpdateRow, DeleteRow,
 * GetRow, BatchWriteRow, BatchGetRow, GetRange; Create/Describe/List/Update/DeleteTimeseriesTable,
 * PutTimeseriesData, GetTimeseriesData, QueryTimeseriesMeta. Checked as Tablestore does: signature
 * v2 and the access key, the content MD5, primary keys against the schema (OTSParameterInvalid),
 * row existence conditions (OTSConditionCheckFail), at most 200 rows per BatchWriteRow, attribute
 * values up to 2 MB, primary key strings up to 1 KB, cell timestamps within the table's max time
 * deviation. Not served (OTSUnsupportOperation): filters, column conditions, search indexes,
 * secondary indexes, streams, transactions, time series attribute updates and scans. Requests with
 * other calls get OTSUnsupportOperation too.
 */
package io.spillway.connect.testkit.tablestore;
