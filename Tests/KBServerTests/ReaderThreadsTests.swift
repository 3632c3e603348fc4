import Foundation
import Synchronization
import Testing

@testable import KBServer

@Suite("ReaderThreads", .timeLimit(.minutes(1)))
struct ReaderThreadsTests {
    @Test("runs jobs off the cooperative pool and returns their results and errors")
    func results() async throws {
        let readers = ReaderThreads(count: 2)
        defer { readers.stop() }
        let caller = pthread_self()
        let threads = try await withThrowingTaskGroup(of: pthread_t.self) { group in
            for _ in 0..<100 { group.addTask { try await readers.execute { pthread_self() } } }
            return try await group.reduce(into: Set<pthread_t>()) { $0.insert($1) }
        }
        #expect(threads.count <= 2)
        #expect(!threads.contains(caller))
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for n in 0..<100 { group.addTask { try await readers.execute { n * 2 } } }
            return try await group.reduce(0, +)
        }
        #expect(values == 9900)
        await #expect(throws: UnexpectedTestError.self) { try await readers.execute { throw UnexpectedTestError() } }
    }

    @Test("past maxQueued waiting jobs, new jobs are refused at once; stopping drains the queue")
    func overload() async throws {
        let readers = ReaderThreads(count: 1, maxQueued: 1)
        let blocker = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let ran = DispatchSemaphore(value: 0)
        #expect(
            readers.enqueue {
                started.signal(); blocker.wait()
            })
        try await onThread { started.wait() }  // the only thread is busy, the queue is empty
        #expect(readers.enqueue { ran.signal() })  // waits in the queue
        #expect(!readers.enqueue {})  // the queue is full
        await #expect(throws: ReaderThreads.Overloaded.self) { try await readers.execute { 3 } }
        readers.stop()
        #expect(!readers.enqueue {})  // stopped
        blocker.signal()
        try await onThread { ran.wait() }  // the queued job still ran
    }
}
