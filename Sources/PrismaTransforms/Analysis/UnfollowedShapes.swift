import CodemodCore
import SyntaxTree

/// Prisma-looking code the analysis cannot follow, so that it is listed rather than
/// dropped: calls shaped like Prisma's through something not known to be a client
/// (`tx.user.findMany()` with an untyped `tx`), and client methods taken as values
/// (`[prisma.user.findMany, …]`).
///
/// A call counts when its method is distinctively Prisma's (`findMany`, `upsert`,
/// `groupBy`, `$queryRaw`…), or is a common one (`create`, `update`, `delete`, `count`)
/// on a model of the project's Prisma schema or through a name people give clients
/// (`prisma`, `db`, `tx`, `client`…), so `stripe.customers.create()` is not listed.
enum UnfollowedShapes {
    /// Model methods no other common library has on `x.model.method`.
    static let distinctiveMethods: Set<String> = [
        "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "upsert", "createMany",
        "createManyAndReturn", "updateMany", "updateManyAndReturn", "deleteMany", "groupBy", "aggregate",
    ]
    /// Model methods other libraries share: listed only with a schema model or a client-like name.
    static let commonMethods: Set<String> = ["create", "update", "delete", "count"]
    /// Client methods that run queries (lifecycle ones like `$connect` are left out).
    static let clientMethods: Set<String> = [
        "$transaction", "$queryRaw", "$queryRawUnsafe", "$queryRawTyped", "$executeRaw", "$executeRawUnsafe", "$runCommandRaw",
        "$extends",
    ]

    /// Why a call that was not recognised as a Prisma call looks like one; nil when it does not.
    static func unfollowedCall(_ call: Node, in prisma: PrismaFile, schemaModels: Set<String>) -> String? {
        let file = prisma.file
        guard var function = call.child(field: .function) else { return nil }
        if function.kind == "await_expression", let inner = function.namedChildren.first { function = inner }
        guard function.kind == "member_expression", let object = function.child(field: .object),
              let property = function.child(field: .property) else { return nil }
        let method = file.text(property)
        let receiver: Node
        if method.hasPrefix("$") {
            guard clientMethods.contains(method), object.kind != "this" else { return nil }
            receiver = object
        } else {
            guard object.kind == "member_expression", let inner = object.child(field: .object), inner.kind != "this",
                  let model = object.child(field: .property).map(file.text), model.first.map({ $0.isLowercase || $0 == "_" }) == true,
                  !model.hasPrefix("$") else { return nil }
            let listed = distinctiveMethods.contains(method)
                || commonMethods.contains(method) && (schemaModels.contains(model) || isClientLikeName(inner, in: file))
            guard listed else { return nil }
            receiver = inner
        }
        // A name the analysis knows as a client but reached in a way it does not follow is reported elsewhere.
        guard prisma.binding(for: receiver) == nil else { return nil }
        // `new PrismaClient().$extends(…)`: a client being built (a client module), not a call through an unknown.
        if receiver.kind == "new_expression", let constructor = receiver.child(field: .constructor),
           prisma.clientClassNames.union(prisma.context.configuration.clientTypes).contains(file.text(constructor)) {
            return nil
        }
        let name = file.text(receiver)
        return "\(file.text(function))(…) looks like a Prisma call, but \(name) is \(describe(receiver, in: prisma)); "
            + "calls through it are not analysed"
    }

    /// Why a member expression on a client names a client method without calling it; nil otherwise.
    static func methodReference(_ member: Node, in prisma: PrismaFile) -> String? {
        let file = prisma.file
        guard let object = member.child(field: .object), let property = member.child(field: .property) else { return nil }
        let method = file.text(property)
        if method.hasPrefix("$") {
            guard clientMethods.contains(method), prisma.binding(for: object) != nil else { return nil }
        } else {
            guard distinctiveMethods.contains(method) || commonMethods.contains(method),
                  object.kind == "member_expression", let client = object.child(field: .object), prisma.binding(for: client) != nil,
                  object.child(field: .property).map({ file.text($0).hasPrefix("$") }) == false else { return nil }
        }
        guard !isCalled(member), !isInType(member) else { return nil }
        return "\(file.text(member)) is used as a value (a method reference); calls through it are not analysed"
    }

    /// Whether a member expression is a type's (`typeof prisma.user.findMany`), not a value.
    static func isInType(_ node: Node) -> Bool {
        node.ancestors.contains { $0.kind == "type_query" || $0.kind == "type_annotation" }
    }

    /// The member is the function of a call (`await x.y<T>(…)` is mis-parsed with the `await` inside).
    private static func isCalled(_ member: Node) -> Bool {
        guard var parent = member.parent else { return false }
        var callee = member
        if parent.kind == "await_expression", let outer = parent.parent {
            callee = parent
            parent = outer
        }
        return parent.kind == "call_expression" && parent.child(field: .function) == callee
    }

    /// `prisma`, `db`, `tx`, `client`, `this.prismaService`: names people give clients.
    /// Names people give a client, lowercased (besides any name containing `prisma`).
    static let clientLikeNames = ["db", "tx", "trx", "client", "dbclient", "database", "transaction"]

    static func isClientLikeName(_ receiver: Node, in file: ParsedFile) -> Bool {
        let last: Node? = receiver.kind == "member_expression" ? receiver.child(field: .property) : receiver
        guard let last, ["identifier", "property_identifier"].contains(last.kind) else { return false }
        let bytes = file.bytes[last.byteRange]
        // An ASCII name (nearly all) is lowercased and searched over its bytes, without Foundation's string search.
        if !bytes.contains(where: { $0 >= 0x80 }) {
            let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            return ByteSearch.contains(lowered, "prisma") || clientLikeNameBytes.contains(lowered)
        }
        let name = file.text(last).lowercased()
        return name.contains("prisma") || clientLikeNames.contains(name)
    }

    private static let clientLikeNameBytes = Set(clientLikeNames.map { Array($0.utf8) })

    private static func describe(_ receiver: Node, in prisma: PrismaFile) -> String {
        guard receiver.kind == "identifier" else { return "not known to be a client" }
        guard let declaration = prisma.scopes.resolve(receiver) else { return "not declared in this file" }
        let declared = prisma.scopes[declaration]
        switch declared.kind {
        case .parameter: return "a parameter not typed as a client"
        case .import: return "imported from a module that is not the client module"
        case .const, .let, .var:
            let declarator = declared.node.ancestors.first { $0.kind == "variable_declarator" }
            var value = declarator?.child(field: .value)
            if let awaited = value, awaited.kind == "await_expression" { value = awaited.namedChildren.first }
            if let value, value.kind == "call_expression", value.child(field: .function)?.kind == "import" {
                return "bound by a dynamic import()"
            }
            return "not known to be a client"
        default: return "not known to be a client"
        }
    }
}
