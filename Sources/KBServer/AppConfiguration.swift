import Foundation
import Logging

/// What `kb serve` and the tests choose about a server. The defaults are those of `kb serve` with no options.
public struct AppConfiguration: Sendable {
    /// The address to listen on.
    public var host = "127.0.0.1"
    /// The port to listen on; 0 picks a free one (see `onServerRunning`).
    public var port = 8080
    /// The kb database file (made by `kb ingest`, or by `kb serve` from the content folder).
    public var databasePath = "kb.sqlite"
    /// Origins allowed to read the API from a browser (CORS). `["*"]` allows every origin.
    public var allowedOrigins: [String] = ["*"]
    /// Each database query's time budget (an SQLite progress handler); past it the request gets a 503.
    public var timeBudget: Duration? = .seconds(2)
    /// Threads that run the (blocking) SQLite reads, so the event loops and the cooperative pool never wait on disk.
    public var readerThreads = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// Reads allowed to wait for a reader thread; past it a request gets a 503 at once instead of queueing forever.
    public var maxQueuedReads = 512
    /// Rendered search and help responses kept for reuse while the index is unchanged; 0 turns the cache off.
    public var responseCacheEntries = 2048
    /// The largest request body accepted (413 above it).
    public var maxBodySize = 1 << 20
    /// The `Server` response header.
    public var serverName: String? = "kb"
    /// The logger of the server and of its request log lines.
    public var logger = Logger(label: "kb.server")
    /// Called once the server listens, with the bound port (useful with `port = 0`).
    public var onServerRunning: (@Sendable (_ port: Int) async -> Void)?

    public init() {}
}
