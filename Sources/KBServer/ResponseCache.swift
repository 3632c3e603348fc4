import Foundation
import Synchronization

/// Rendered search and help responses, reused while the index generation stays the same: CI bots and help boxes send
/// the same errors again and again. An ingest that commits changes the generation, so the next request misses and
/// sees the new index at once.
///
/// Bounded by entries and bytes, least recently used first out. Only short inputs are cached (a pasted log rarely
/// repeats byte for byte, and keeping it would hold its text in memory for longer).
public final class ResponseCache: Sendable {
    /// A rendered response and whether it found something (for the metrics).
    public struct Entry: Sendable {
        public var bytes: [UInt8]
        public var matched: Bool
        /// True when this came out of the cache.
        public var isCached = false
        public init(bytes: [UInt8], matched: Bool) {
            self.bytes = bytes
            self.matched = matched
        }
    }

    private struct Slot {
        var generation: String
        var entry: Entry
        var lastUse: UInt64
    }

    private struct State {
        var slots: [String: Slot] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    public let maxEntries: Int
    public let maxBytes: Int
    /// Inputs longer than this (in UTF-8 bytes) are not cached.
    public let maxKeyBytes: Int
    private let state = Mutex(State())

    public init(maxEntries: Int = 2048, maxBytes: Int = 64 << 20, maxKeyBytes: Int = 4096) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
        self.maxKeyBytes = maxKeyBytes
    }

    public var isEnabled: Bool { maxEntries > 0 }

    /// The key of a request, or nil when it should not be cached.
    func key(_ parts: [String], text: String) -> String? {
        guard isEnabled, text.utf8.count <= maxKeyBytes else { return nil }
        return (parts + [text]).joined(separator: "\u{1F}")
    }

    /// The entry for `key` rendered at `generation`, or nil.
    func entry(_ key: String, generation: String) -> Entry? {
        state.withLock { state in
            guard var slot = state.slots[key], slot.generation == generation else { return nil }
            state.clock += 1
            slot.lastUse = state.clock
            state.slots[key] = slot
            var entry = slot.entry
            entry.isCached = true
            return entry
        }
    }

    func store(_ entry: Entry, for key: String, generation: String) {
        guard isEnabled, entry.bytes.count <= maxBytes / 8 else { return }
        state.withLock { state in
            state.clock += 1
            if let old = state.slots.updateValue(Slot(generation: generation, entry: entry, lastUse: state.clock), forKey: key) {
                state.bytes -= old.entry.bytes.count + key.utf8.count
            }
            state.bytes += entry.bytes.count + key.utf8.count
            guard state.slots.count > maxEntries || state.bytes > maxBytes else { return }
            // Evict the least recently used eighth (amortized: this runs once per maxEntries / 8 insertions at most).
            let victims = state.slots.sorted { $0.value.lastUse < $1.value.lastUse }.prefix(max(1, state.slots.count / 8))
            for (victimKey, victim) in victims {
                state.slots[victimKey] = nil
                state.bytes -= victim.entry.bytes.count + victimKey.utf8.count
            }
            while state.bytes > maxBytes, let oldest = state.slots.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                state.slots[oldest.key] = nil
                state.bytes -= oldest.value.entry.bytes.count + oldest.key.utf8.count
            }
        }
    }

    /// Entries held (for tests and metrics).
    public var count: Int { state.withLock { $0.slots.count } }
}
