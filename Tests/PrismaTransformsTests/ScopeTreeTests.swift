import CodemodCore
import PrismaTransforms
import SyntaxTree
import XCTest

/// Each `↓` marks a reference; `resolved` answers, per marker, the declaration it refers to.
private struct MarkedSource {
    let file: ParsedFile
    let tree: ScopeTree
    let references: [Node]

    init(_ marked: String) throws {
        var offsets: [Int] = []
        var bytes: [UInt8] = []
        let marker = Array("↓".utf8)
        let source = Array(marked.utf8)
        var index = 0
        while index < source.count {
            if source[index...].starts(with: marker) {
                offsets.append(bytes.count)
                index += marker.count
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        file = try ParsedFile(path: "src/a.ts", bytes: bytes, parser: Parser(language: .typescript))
        XCTAssertNil(file.tree.firstError, "the test source parses cleanly")
        tree = ScopeTree(file: file)
        var found: [Int: Node] = [:]
        for node in file.root.preorder() where offsets.contains(node.byteRange.lowerBound) && found[node.byteRange.lowerBound] == nil {
            let isThisMember = node.kind == "member_expression" && node.child(field: "object")?.kind == "this"
            if node.kind == "identifier" || node.kind == "shorthand_property_identifier" || isThisMember {
                found[node.byteRange.lowerBound] = node
            }
        }
        references = try offsets.map { try XCTUnwrap(found[$0], "no reference at marker offset \($0)") }
    }

    /// For each marker: the declaration's kind and one-based line, or nil when it resolves to nothing.
    var resolved: [Resolution?] {
        references.map { reference in
            tree.resolve(reference).map { id in
                let declaration = tree[id]
                return Resolution(kind: declaration.kind, line: declaration.node.start.row + 1, scope: tree[declaration.scope].kind)
            }
        }
    }
}

private struct Resolution: Equatable, CustomStringConvertible {
    var kind: ScopeTree.DeclarationKind
    var line: Int
    var scope: ScopeTree.ScopeKind
    var description: String { "\(kind)@\(line) in \(scope)" }
}

final class ScopeTreeTests: XCTestCase {
    func testParameterShadowsImport() throws {
        let source = try MarkedSource("""
            import { prisma } from './db';
            function f(prisma: unknown) {
              return ↓prisma.user;
            }
            const g = (prisma) => ↓prisma;
            const h = prisma => ↓prisma;
            ↓prisma.user;
            """)
        XCTAssertEqual(source.resolved, [
            Resolution(kind: .parameter, line: 2, scope: .function),
            Resolution(kind: .parameter, line: 5, scope: .function),
            Resolution(kind: .parameter, line: 6, scope: .function),
            Resolution(kind: .import, line: 1, scope: .module),
        ])
    }

    func testLetInInnerBlockShadowsOnlyThatBlock() throws {
        let source = try MarkedSource("""
            const db = 1;
            function f(x: boolean) {
              if (x) {
                let db = 2;
                ↓db;
              }
              return ↓db;
            }
            """)
        XCTAssertEqual(source.resolved, [
            Resolution(kind: .let, line: 4, scope: .block),
            Resolution(kind: .const, line: 1, scope: .module),
        ])
    }

    func testVarHoistsToItsFunction() throws {
        let source = try MarkedSource("""
            let v = 0;
            function f() {
              {
                for (var i = 0; i < 1; i++) { var v = 1; }
              }
              return ↓v + ↓i;
            }
            ↓v;
            """)
        XCTAssertEqual(source.resolved, [
            Resolution(kind: .var, line: 4, scope: .function),
            Resolution(kind: .var, line: 4, scope: .function),
            Resolution(kind: .let, line: 1, scope: .module),
        ])
    }

    func testDestructuringDeclaresValuesNotKeys() throws {
        let source = try MarkedSource("""
            const { a, b: c, d = 1, ...rest } = obj;
            const [e, [f], ...g] = arr;
            function h({ p: { q } }: T, [r = 2]: U) { return ↓q + ↓r; }
            ↓a; ↓b; ↓c; ↓d; ↓rest; ↓e; ↓f; ↓g; ↓q;
            """)
        XCTAssertEqual(source.resolved, [
            Resolution(kind: .parameter, line: 3, scope: .function),
            Resolution(kind: .parameter, line: 3, scope: .function),
            Resolution(kind: .const, line: 1, scope: .module),
            nil,
            Resolution(kind: .const, line: 1, scope: .module),
            Resolution(kind: .const, line: 1, scope: .module),
            Resolution(kind: .const, line: 1, scope: .module),
            Resolution(kind: .const, line: 2, scope: .module),
            Resolution(kind: .const, line: 2, scope: .module),
            Resolution(kind: .const, line: 2, scope: .module),
            nil,
        ])
    }

    func testCatchParameterAndLoopVariables() throws {
        let source = try MarkedSource("""
            const err = 0;
            const item = 0;
            try { run(); } catch (err) { ↓err; }
            try { run(); } catch ({ message }) { ↓message; }
            for (const item of list) { ↓item; }
            for (item of list) { ↓item; }
            ↓err; ↓item;
            """)
        XCTAssertEqual(source.resolved, [
            Resolution(kind: .catchParameter, line: 3, scope: .catchClause),
            Resolution(kind: .catchParameter, line: 4, scope: .catchClause),
            Resolution(kind: .const, line: 5, scope: .forLoop),
            Resolution(kind: .const, line: 2, scope: .module),
            Resolution(kind: .const, line: 1, scope: .module),
            Resolution(kind: .const, line: 2, scope: .module),
        ])
    }

    func testClassPropertiesResolveThroughTheClassBody() throws {
        let source = try MarkedSource("""
            class Repo {
              client = make();
              constructor(private readonly prisma: PrismaClient, other: Other) {
                this.assigned = other;
              }
              run() { return ↓this.prisma.user.findMany(↓prisma); }
              more() { return [↓this.client, ↓this.assigned, ↓this.other]; }
              inner() { return class { go() { return ↓this.prisma; } }; }
            }
            """)
        XCTAssertEqual(source.resolved, [
            Resolution(kind: .property, line: 3, scope: .classBody),
            nil,
            Resolution(kind: .property, line: 2, scope: .classBody),
            Resolution(kind: .assignedProperty, line: 4, scope: .classBody),
            nil,
            nil,
        ], "a parameter property is `this.prisma`, not `prisma`, outside the constructor; an inner class has its own `this`")
    }

    /// `Store.client` is the static member of the class `Store` the name refers to.
    func testStaticMembersResolveThroughTheClassName() throws {
        let text = """
            class Store {
              static client = make();
              static typed: Client;
              all() { return [Store.client, Store.typed, Store.missing]; }
            }
            function f(Store: unknown) { return Store.client; }
            const other = { client: 1 };
            export const g = () => [Store.client, other.client];
            """
        let file = try ParsedFile(path: "src/a.ts", bytes: Array(text.utf8), parser: Parser(language: .typescript))
        let tree = ScopeTree(file: file)
        let members = file.root.preorder().filter { $0.kind == "member_expression" }
        XCTAssertEqual(members.map { member in
            "\(file.text(member)) " + (tree.resolve(member).map { "\(tree[$0].kind)@\(tree[$0].node.start.row + 1)" } ?? "nil")
        }, [
            "Store.client property@2", "Store.typed property@3", "Store.missing nil",
            "Store.client nil",  // the parameter hides the class
            "Store.client property@2", "other.client nil",
        ])
    }

    func testNameUsedBeforeItsInnerDeclarationIsTheInnerOne() throws {
        let source = try MarkedSource("""
            import { prisma } from './db';
            function f() {
              ↓prisma.user.findMany();
              const prisma = other();
              return ↓helper();
              function helper() {}
            }
            """)
        XCTAssertEqual(source.resolved, [
            Resolution(kind: .const, line: 4, scope: .function),
            Resolution(kind: .function, line: 6, scope: .function),
        ])
    }

    func testFunctionNamesAndNestedFunctions() throws {
        let source = try MarkedSource("""
            function outer(a: number) {
              const named = function self() { return ↓self; };
              return () => () => ↓a + ↓outer();
            }
            ↓self;
            """)
        XCTAssertEqual(source.resolved, [
            Resolution(kind: .function, line: 2, scope: .function),
            Resolution(kind: .parameter, line: 1, scope: .function),
            Resolution(kind: .function, line: 1, scope: .module),
            nil,
        ])
    }

    func testTypesAndSignaturesDeclareNothingAround() throws {
        let source = try MarkedSource("""
            import { prisma } from './db';
            function run(callback: (prisma: Other) => void): void;
            function run(callback: (prisma: Other) => void) { return ↓prisma; }
            interface Deps { make(prisma: Other): void }
            declare global { var prisma: Other | undefined }
            ↓prisma;
            """)
        XCTAssertEqual(source.resolved, [
            Resolution(kind: .import, line: 1, scope: .module),
            Resolution(kind: .import, line: 1, scope: .module),
        ])
    }

    func testDeepNestingNeedsNoStack() throws {
        let depth = 5_000
        let marked = "let outer = 0;\n" + String(repeating: "{ ", count: depth) + "let inner = 1; ↓outer + ↓inner;"
            + String(repeating: " }", count: depth) + "\n↓outer;\n"
        let source = try MarkedSource(marked)
        XCTAssertEqual(source.tree.scopes.count, depth + 1)
        XCTAssertEqual(source.resolved, [
            Resolution(kind: .let, line: 1, scope: .module),
            Resolution(kind: .let, line: 2, scope: .block),
            Resolution(kind: .let, line: 1, scope: .module),
        ])
        let innermost = source.tree.scope(containing: source.references[1])
        XCTAssertEqual(source.tree[innermost].kind, .block)
    }
}
