import Foundation
import Hummingbird
import Logging
import Synchronization

/// Turns every error thrown below it into an `application/problem+json` response (see `ProblemDetails(error:)`), and
/// a path that exists with another method into a 405 with `Allow`. Unexpected errors are logged in full here and
/// answered with a generic 500 that carries the request id.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var problem = ProblemDetails(error: error)
            if problem.type == .notFound, context.endpointPath == "NotFound" || context.endpointPath == nil {
                let allowed = routes.allowedMethods(forPath: request.uri.path)
                if !allowed.isEmpty {
                    let allow = allowed.map(\.rawValue).joined(separator: ", ")
                    if request.method == .options {
                        return Response(status: .noContent, headers: [.allow: allow])
                    }
                    problem = ProblemDetails(
                        .methodNotAllowed, detail: "\(request.method.rawValue.prefix(20)) is not allowed here; use \(allow).",
                        headers: [.allow: allow])
                }
            }
            if problem.type == .internalError {
                context.logger.error(
                    "unexpected error",
                    metadata: ["error.type": .string(String(reflecting: type(of: error))), "error": .string(String(describing: error))])
            }
            return try problem.response(from: request, context: context)
        }
    }
}

/// The routes of the router (path patterns and methods), for 405 answers. Filled in once the router has its routes.
final class RouteTable: Sendable {
    private let storage = Mutex<[(path: RouterPath, method: HTTPRequest.Method)]>([])

    func set(_ routes: [(path: RouterPath, method: HTTPRequest.Method)]) {
        storage.withLock { $0 = routes }
    }

    /// The methods that `path` supports (HEAD with GET, and OPTIONS), or none when no route matches it.
    func allowedMethods(forPath path: String) -> [HTTPRequest.Method] {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        let routes = storage.withLock { $0 }
        var methods: [HTTPRequest.Method] = []
        for route in routes where Self.matches(route.path, components) && !methods.contains(route.method) {
            methods.append(route.method)
        }
        guard !methods.isEmpty else { return [] }
        if methods.contains(.get) && !methods.contains(.head) { methods.append(.head) }
        methods.append(.options)
        let order: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]
        return methods.sorted { (order.firstIndex(of: $0) ?? 99) < (order.firstIndex(of: $1) ?? 99) }
    }

    static func matches(_ pattern: RouterPath, _ components: [Substring]) -> Bool {
        var index = 0
        for element in pattern.components {
            if element.description == "**" { return index < components.count }
            guard index < components.count, element ~= components[index] else { return false }
            index += 1
        }
        return index == components.count
    }
}
