import CoreMetrics
import Foundation
import Metrics
import Prometheus
import Synchronization

/// The server's metrics, recorded through swift-metrics into its own Prometheus registry and served at `/metrics`:
///
/// - `kb_http_requests_total{method, route, status}`: requests by route pattern and status;
/// - `kb_http_request_duration_seconds{method, route}`: a latency histogram;
/// - `kb_searches_total{endpoint, matched}`: searches (`search`, `help`) with and without a match.
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

    /// Records one search (`endpoint` is `search` or `help`) and whether it found something.
    func recordSearch(endpoint: String, matched: Bool) {
        let key = endpoint + (matched ? "+" : "-")
        let counter = searches.withLock { cache in
            if let existing = cache[key] { return existing }
            let made = CoreMetrics.Counter(
                label: "kb_searches_total", dimensions: [("endpoint", endpoint), ("matched", matched ? "true" : "false")], factory: factory)
            cache[key] = made
            return made
        }
        counter.increment()
    }

    /// The Prometheus text exposition.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}
