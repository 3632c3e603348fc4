import Foundation
import Hummingbird
import KBCore
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the server of a kb database: `kb serve` runs it, and the tests call it with a database in a temp folder.
///
/// Opens the database read-only (WAL readers: an ingest writing the same file never blocks a search, and searches
/// see its result as soon as it commits), and runs its blocking reads on `ReaderThreads`.
public func buildApplication(configuration: AppConfiguration) throws -> some ApplicationProtocol {
    var engineConfiguration = SearchEngine.Configuration()
    engineConfiguration.timeBudget = configuration.timeBudget
    engineConfiguration.connections = configuration.readerThreads
    let engine = try SearchEngine(path: configuration.databasePath, configuration: engineConfiguration)
    // The corpus index loads before the server listens: its first searches are as fast as the rest.
    try engine.warm()
    let readers = ReaderThreads(count: configuration.readerThreads, maxQueued: configuration.maxQueuedReads)
    let cache = ResponseCache(maxEntries: max(0, configuration.responseCacheEntries))
    let knowledgeBase = SQLiteKnowledgeBase(engine: engine, readers: readers, cache: cache)
    return buildApplication(configuration: configuration, knowledgeBase: knowledgeBase, services: [readers])
}

/// Builds the server over any `KnowledgeBase` (tests use stubs for errors the database cannot produce on demand).
/// `services` run beside the server and stop after it at graceful shutdown.
public func buildApplication(
    configuration: AppConfiguration, knowledgeBase: any KnowledgeBase, services: [any Service] = [], metrics: ServerMetrics = ServerMetrics()
) -> some ApplicationProtocol {
    let router = buildRouter(knowledgeBase: knowledgeBase, configuration: configuration, metrics: metrics)
    let onServerRunning = configuration.onServerRunning
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: configuration.serverName),
        services: services,
        onServerRunning: { channel in
            await onServerRunning?(channel.localAddress?.port ?? configuration.port)
        },
        logger: configuration.logger
    )
}

/// The routes of the API under their middleware: request log → metrics → CORS → problem details → controllers.
public func buildRouter(knowledgeBase: any KnowledgeBase, configuration: AppConfiguration, metrics: ServerMetrics) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    // The problem middleware needs the final route list for 405s; it is filled in once the routes are added.
    let routeTable = RouteTable()
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    router.add(middleware: CrossOriginMiddleware(allowedOrigins: configuration.allowedOrigins))
    router.add(middleware: ProblemMiddleware(routes: routeTable))

    let maxBodySize = configuration.maxBodySize
    router.addRoutes(SearchController(knowledgeBase: knowledgeBase, metrics: metrics, maxBodySize: maxBodySize).endpoints, atPath: "/api/v1/search")
    router.addRoutes(HelpController(knowledgeBase: knowledgeBase, metrics: metrics, maxBodySize: maxBodySize).endpoints, atPath: "/api/v1/help")
    router.addRoutes(ArticleController(knowledgeBase: knowledgeBase, renderer: ArticleRenderer()).endpoints, atPath: "/api/v1/articles")
    router.addRoutes(TagController(knowledgeBase: knowledgeBase).endpoints, atPath: "/api/v1/tags")
    HealthController(knowledgeBase: knowledgeBase, metrics: metrics, openAPIDocument: OpenAPI.bytes).addRoutes(to: router)
    WebController(knowledgeBase: knowledgeBase, configuration: configuration, metrics: metrics).register(on: router)

    routeTable.set(router.routes.map { (path: $0.path, method: $0.method) })
    return router
}
