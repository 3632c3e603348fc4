import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import KBCore
@testable import KBServer

@Suite("The OpenAPI document", .timeLimit(.minutes(1)))
struct OpenAPITests {
    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPI.bytes)) as? [String: Any])
    }

    static func operations() throws -> Set<String> {
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        return Set(paths.flatMap { path, item in item.keys.map { "\($0.uppercased()) \(path)" } })
    }

    @Test("every route of the router is in /openapi.json")
    func everyRouteIsDocumented() throws {
        let router = buildRouter(knowledgeBase: StubKnowledgeBase(), configuration: testConfiguration(), metrics: ServerMetrics())
        let documented = try Self.operations()
        let routes = router.routes.filter { $0.method != .head }
        #expect(routes.count >= 11)
        for route in routes {
            let operation = "\(route.method.rawValue) \(OpenAPI.path(forRouterPath: route.path.description))"
            #expect(documented.contains(operation), "\(operation) is missing from /openapi.json")
        }
    }

    @Test("every documented operation exists in the router")
    func everyOperationExists() throws {
        let router = buildRouter(knowledgeBase: StubKnowledgeBase(), configuration: testConfiguration(), metrics: ServerMetrics())
        let routes = Set(router.routes.map { "\($0.method.rawValue) \(OpenAPI.path(forRouterPath: $0.path.description))" })
        for operation in try Self.operations() {
            #expect(routes.contains(operation), "\(operation) is documented but not routed")
        }
    }

    @Test("every problem type is listed, and every $ref resolves")
    func problemTypesAndReferences() throws {
        let text = String(decoding: OpenAPI.bytes, as: UTF8.self)
        for type in ProblemType.allCases {
            #expect(text.contains("\"\(type.uri)\""), "\(type.uri) is not in the document")
        }
        let document = try Self.document()
        let components = try #require(document["components"] as? [String: [String: Any]])
        let references = text.matches(of: /"\$ref": "#\/components\/(\w+)\/([\w-]+)"/).map { (String($0.1), String($0.2)) }
        #expect(!references.isEmpty)
        for (section, name) in references {
            #expect(components[section]?[name] != nil, "#/components/\(section)/\(name) does not resolve")
        }
    }

    @Test("the documented schemas have the keys of real responses")
    func schemasMatchResponses() async throws {
        let database = try TestDatabase()
        let schemas = try #require((try Self.document()["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        var documented: [String: Set<String>] = [:]
        for (name, schema) in schemas { documented[name] = Set((schema["properties"] as? [String: Any])?.keys.map { $0 } ?? []) }
        let properties = documented
        try await makeApp(database).test(.router) { client in
            let search = try await client.execute(uri: "/api/v1/search?q=exec+format+error", method: .get) { response in
                let object = try response.jsonObject()
                let first = try #require((object["results"] as? [[String: Any]])?.first)
                return (Set(object.keys), Set(first.keys))
            }
            #expect(search.0 == properties["SearchResponse"])
            #expect(search.1 == properties["SearchResult"])
            let article = try await client.execute(uri: "/api/v1/articles/en/docker-exec-format-error", method: .get) {
                Set(try $0.jsonObject().keys)
            }
            #expect(article == properties["Article"])
            let tags = try await client.execute(uri: "/api/v1/tags/docker", method: .get) { Set(try $0.jsonObject().keys) }
            #expect(tags.isSubset(of: properties["TagArticles"] ?? []))
            let problem = try await client.execute(uri: "/api/v1/search", method: .get) { Set(try $0.jsonObject().keys) }
            #expect(problem.isSubset(of: properties["Problem"] ?? []))
        }
    }

    @Test("path templates: a catch-all is the article slug")
    func pathTemplates() {
        #expect(OpenAPI.path(forRouterPath: "/api/v1/articles/{lang}/**") == "/api/v1/articles/{lang}/{slug}")
        #expect(OpenAPI.path(forRouterPath: "/healthz") == "/healthz")
        #expect(OpenAPI.path(forRouterPath: "/") == "/")
    }
}
