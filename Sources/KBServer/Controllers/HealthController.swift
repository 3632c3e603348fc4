import Foundation
import Hummingbird
import Logging

/// Operations: `GET /healthz` (the process answers), `GET /readyz` (the database is open and indexed),
/// `GET /metrics` (Prometheus text) and `GET /openapi.json` (the API description).
struct HealthController {
    let knowledgeBase: any KnowledgeBase
    let metrics: ServerMetrics
    let openAPIDocument: [UInt8]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/healthz", use: healthz)
        router.get("/readyz", use: readyz)
        router.get("/metrics", use: metricsText)
        router.get("/openapi.json", use: openAPI)
    }

    @Sendable func healthz(request: Request, context: AppRequestContext) async throws -> Response {
        Self.okResponse
    }

    private static let okBody = Array(#"{"status":"ok"}"#.utf8)
    private static var okResponse: Response {
        .bytes(okBody, contentType: "application/json; charset=utf-8", headers: [.cacheControl: "no-store"])
    }

    @Sendable func readyz(request: Request, context: AppRequestContext) async throws -> Response {
        let ready: Bool
        do {
            ready = try await knowledgeBase.isReady()
        } catch {
            context.logger.warning("readiness check failed", metadata: ["error": .string(String(describing: error))])
            throw ProblemDetails(.notReady, detail: "The database cannot be read; see the server log.")
        }
        guard ready else {
            throw ProblemDetails(.notReady, detail: "The database has no searchable articles yet; run kb ingest.")
        }
        return try .json(HealthResponse(status: "ready"), headers: [.cacheControl: "no-store"])
    }

    @Sendable func metricsText(request: Request, context: AppRequestContext) async throws -> Response {
        .bytes(metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8", headers: [.cacheControl: "no-store"])
    }

    @Sendable func openAPI(request: Request, context: AppRequestContext) async throws -> Response {
        .bytes(openAPIDocument, contentType: "application/json; charset=utf-8", headers: [.cacheControl: "public, max-age=300"])
    }
}
