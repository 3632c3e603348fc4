import Foundation
import Hummingbird

/// Answers a browser's `GET` of a page that does not exist with the HTML 404 page (which offers a search) instead of
/// problem+json. Only requests that match no route, lie outside `/api/` and accept `text/html` get it; API clients,
/// 405s and the errors of real routes pass through to `ProblemMiddleware` unchanged.
struct WebNotFoundMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError where error.status == .notFound && Self.wantsPage(request, endpointPath: context.endpointPath) {
            let lang = WebController.readerLanguage(param: nil, request: request)
            return WebController.notFoundPage(lang: lang, message: \.notFoundText, suggestion: request.uri.path, request: request)
        }
    }

    static func wantsPage(_ request: Request, endpointPath: String?) -> Bool {
        guard request.method == .get || request.method == .head else { return false }
        guard endpointPath == nil || endpointPath == "NotFound" else { return false }
        let path = request.uri.path
        guard path != "/api", !path.hasPrefix("/api/") else { return false }
        return request.headers[.accept]?.lowercased().contains("text/html") ?? false
    }
}
