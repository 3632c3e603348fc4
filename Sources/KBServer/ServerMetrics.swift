import CoreMetrics
import Foundation
import Metrics
import Prometheus
import Synchronization

/// The server's metrics, recorded through swift-metrics into its own Prometheus registry and served at `/metrics`:
///
/// - `kb_http_requests_total{method, route, status}`: requests by route pattern and status;
/// - `kb_http_request_duration_seconds{method, route}`: a latency histogram;
/// - `kb_searches_total{endpoint, matched}`: searches (`search`, `help`) with and without a match;
/// - `kb_search_cache_total{endpoint, result}`: responses served from the response cache (`hit`) or computed (`miss`).
///
/// Each server has its own registry, so tests running in parallel do not see each other's counts.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    private struct RequestKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }
    private struct Instruments: Sendable {
        var requests: CoreMetrics.Counter
        var duration: CoreMetrics.Timer
    }
    private let requests = Mutex<[RequestKey: Instruments]>([:])
    private let searches = Mutex<[String: CoreMetrics.Counter]>([:])

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
        ]
        self.factory = factory
    }

    /// Records one answered request. `route` is the route pattern (`/api/v1/articles/{lang}/**`), never the raw path.
    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let key = RequestKey(method: method, route: route, status: status)
        let instruments = requests.withLock { cache in
            if let existing = cache[key] { return existing }
            let made = Instruments(
                requests: CoreMetrics.Counter(
                    label: "kb_http_requests_total", dimensions: [("method", method), ("route", route), ("status", String(status))], factory: factory),
                duration: CoreMetrics.Timer(
                    label: "kb_http_request_duration_seconds", dimensions: [("method", method), ("route", route)], factory: factory))
            cache[key] = made
            return made
        }
        instruments.requests.increment()
        let (seconds, attoseconds) = duration.components
        instruments.duration.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Records one search (`endpoint` is `search` or `help`), whether it found something, and whether its response
    /// came from the response cache.
    func recordSearch(endpoint: String, matched: Bool, cached: Bool) {
        counter("kb_searches_total", [("endpoint", endpoint), ("matched", matched ? "true" : "false")]).increment()
        counter("kb_search_cache_total", [("endpoint", endpoint), ("result", cached ? "hit" : "miss")]).increment()
    }

    private func counter(_ label: String, _ dimensions: [(String, String)]) -> CoreMetrics.Counter {
        let key = label + dimensions.map { "|\($0.0)=\($0.1)" }.joined()
        return searches.withLock { cache in
            if let existing = cache[key] { return existing }
            let made = CoreMetrics.Counter(label: label, dimensions: dimensions, factory: factory)
            cache[key] = made
            return made
        }
    }

    /// The Prometheus text exposition.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}
