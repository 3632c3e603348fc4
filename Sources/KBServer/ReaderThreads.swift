import Dispatch
import Foundation
import ServiceLifecycle
import Synchronization

/// A few dedicated threads that run blocking work (SQLite reads), so that neither Swift's cooperative pool nor the
/// NIO event loops ever wait on the database.
///
/// ```swift
/// let readers = ReaderThreads(count: 2, maxQueued: 512)
/// let response = try await readers.execute { try engine.search(request) }
/// ```
///
/// At most `maxQueued` jobs wait for a thread; past that `execute` throws `Overloaded` at once (a 503), which keeps
/// latency bounded under overload instead of queueing without limit. As a `Service`, it stops its threads at graceful
/// shutdown, after the jobs already queued have run.
public final class ReaderThreads: Service, Sendable {
    /// Thrown when too many jobs are already waiting.
    public struct Overloaded: Error, CustomStringConvertible {
        public var description: String { "too many reads are waiting for a reader thread" }
    }

    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var head = 0
        var stopped = false
        var pending: Int { jobs.count - head }

        mutating func pop() -> (@Sendable () -> Void)? {
            guard head < jobs.count else { return nil }
            let job = jobs[head]
            head += 1
            if head > 64 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            return job
        }
    }

    public let count: Int
    public let maxQueued: Int
    private let state = Mutex(State())
    private let wakeUp = DispatchSemaphore(value: 0)

    public init(count: Int, maxQueued: Int = 512) {
        self.count = max(1, count)
        self.maxQueued = max(1, maxQueued)
        for n in 0..<self.count {
            Thread { [self] in
                Thread.current.name = "kb-reader-\(n)"
                self.work()
            }.start()
        }
    }

    /// Runs `body` on a reader thread and returns its result.
    public func execute<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            if !enqueue({ continuation.resume(with: Result { try body() }) }) {
                continuation.resume(throwing: Overloaded())
            }
        }
    }

    /// Queues `job`; false when stopped or when `maxQueued` jobs are already waiting.
    func enqueue(_ job: @escaping @Sendable () -> Void) -> Bool {
        let accepted = state.withLock { state -> Bool in
            guard !state.stopped, state.pending < maxQueued else { return false }
            state.jobs.append(job)
            return true
        }
        if accepted { wakeUp.signal() }
        return accepted
    }

    /// Jobs waiting for a thread.
    public var queued: Int { state.withLock { $0.pending } }

    /// Waits for graceful shutdown, then lets the threads finish the queued jobs and exit.
    public func run() async throws {
        try? await gracefulShutdown()
        stop()
    }

    /// Stops accepting jobs; the threads exit once the queue is empty.
    public func stop() {
        let alreadyStopped = state.withLock { state in
            defer { state.stopped = true }
            return state.stopped
        }
        guard !alreadyStopped else { return }
        for _ in 0..<count { wakeUp.signal() }
    }

    private func work() {
        while true {
            wakeUp.wait()
            let (job, exit) = state.withLock { state in
                if let job = state.pop() { return (Optional(job), false) }
                return (nil, state.stopped)
            }
            if let job {
                job()
            } else if exit {
                return
            }
        }
    }
}
