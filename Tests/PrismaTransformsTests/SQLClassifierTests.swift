import PrismaTransforms
import XCTest

/// What a literal SQL text does, case by case; `${}` in a case stands for a substitution.
final class SQLClassifierTests: XCTestCase {
    private let cases: [(sql: String, verdict: SQLClassifier.Verdict, line: UInt)] = [
        ("SELECT 1", .read, #line),
        ("  select * from \"User\" where id = ${}", .read, #line),
        ("-- latest first\nSELECT id FROM t ORDER BY id DESC", .read, #line),
        ("/* outer /* nested */ still comment */ SELECT 1", .read, #line),
        ("((SELECT 1) UNION (SELECT 2))", .read, #line),
        ("SELECT 'DELETE FROM t; RETURNING' AS text", .read, #line),
        ("SELECT \"returning\" FROM t", .read, #line),
        ("SELECT $$INSERT INTO t$$", .read, #line),
        ("SELECT * FROM t WHERE id = $1", .read, #line),
        ("SELECT * FROM t FOR UPDATE", .read, #line),
        ("SELECT pg_size_pretty(pg_database_size(current_database()))", .read, #line),
        ("SELECT count(*)::int FROM t WHERE name LIKE ${}", .read, #line),
        ("WITH recent AS (SELECT * FROM t) SELECT * FROM recent", .read, #line),
        ("WITH RECURSIVE r(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r", .read, #line),
        ("WITH locked AS (SELECT id FROM t FOR NO KEY UPDATE) SELECT * FROM locked", .read, #line),
        ("SHOW search_path", .read, #line),
        ("EXPLAIN SELECT * FROM t", .read, #line),
        ("EXPLAIN DELETE FROM t", .read, #line),
        ("VALUES (1), (2)", .read, #line),
        ("SELECT 1; SELECT 2;", .read, #line),

        ("INSERT INTO t (a) VALUES (${})", .write, #line),
        ("insert into t default values returning id", .write, #line),
        ("UPDATE t SET a = ${} WHERE id = ${}", .write, #line),
        ("DELETE FROM t WHERE id = ${}", .write, #line),
        ("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a", .write, #line),
        ("CREATE TABLE t (id int)", .write, #line),
        ("DROP INDEX i", .write, #line),
        ("TRUNCATE t", .write, #line),
        ("ANALYZE", .write, #line),
        ("SELECT * FROM t RETURNING id", .write, #line),
        ("WITH moved AS (DELETE FROM t RETURNING *) SELECT count(*) FROM moved", .write, #line),
        ("WITH gone AS (UPDATE t SET a = 1 WHERE b) SELECT 1", .write, #line),
        ("WITH s AS (SELECT 1) INSERT INTO t SELECT * FROM s", .write, #line),
        ("SELECT * INTO backup FROM t", .write, #line),
        ("SELECT nextval('task_id_seq')", .write, #line),
        ("EXPLAIN ANALYZE DELETE FROM t", .write, #line),
        ("EXPLAIN (ANALYZE, BUFFERS) UPDATE t SET a = 1", .write, #line),
        ("SELECT 1; DELETE FROM t", .write, #line),
        ("-- SELECT\nDELETE FROM t", .write, #line),

        ("${}", .unknown("raw SQL starts with a substitution; read or write unknown"), #line),
        ("", .unknown("raw SQL has no statement"), #line),
        ("-- only a comment", .unknown("raw SQL has no statement"), #line),
        ("PRAGMA table_info(t)", .unknown("raw SQL starts with 'PRAGMA'; read or write unknown"), #line),
        ("SELECT 1; PRAGMA x", .unknown("raw SQL starts with 'PRAGMA'; read or write unknown"), #line),
    ]

    func testEachCase() {
        for (sql, verdict, line) in cases {
            let fragments = sql.components(separatedBy: "${}")
            XCTAssertEqual(SQLClassifier.classify(fragments), verdict, sql, line: line)
        }
    }

    /// A quote opened before a substitution closes after it: the keywords inside stay string.
    func testSubstitutionInsideAStringLiteral() {
        XCTAssertEqual(SQLClassifier.classify(["SELECT * FROM t WHERE a LIKE '%", " delete %'"]), .read)
    }
}
