import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// One log line per request: method, route pattern, status and duration, with the request id that Hummingbird puts in
/// the logger's metadata (`hb.request.id`). The query string and the body are never logged: pasted logs may hold tokens.
/// Also returns the request id to the client in `X-Request-Id`.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            var response = try await next(request, context)
            response.headers[.kbRequestID] = context.requestID
            log(request, context: context, status: Int(response.status.code), since: start)
            return response
        } catch {
            log(request, context: context, status: Int(ProblemDetails(error: error).status.code), since: start)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "http.method": .string(request.method.rawValue),
                "http.route": .string(context.endpointPath ?? "unmatched"),
                "http.status": .stringConvertible(status),
                "duration_ms": .string(String(format: "%.2f", milliseconds)),
            ])
    }
}
