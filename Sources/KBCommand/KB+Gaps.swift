import ArgumentParser
import Foundation
import KBCore

extension KB {
    struct Gaps: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the error signatures searched for most often that no article answers.",
            discussion: "Recording is off by default (pasted logs may hold secrets): turn it on with kb search --record-gaps, KB_RECORD_GAPS=1 or kb serve --record-gaps. Only normalized signatures are stored.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "How many to list.")
        var limit = 20
        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let gaps = try ContentGaps(path: database.path).list(limit: limit)
            if json {
                try Terminal.printJSON(gaps)
                return
            }
            if gaps.isEmpty {
                print("No gaps recorded. (Recording is off unless turned on with --record-gaps or KB_RECORD_GAPS=1.)")
                return
            }
            for gap in gaps { print(String(gap.count).leftPad(6) + "  " + gap.signature) }
        }
    }
}
