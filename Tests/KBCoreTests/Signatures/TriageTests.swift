import Testing

@testable import KBCore

@Suite struct TriageTests {
    private func reasons(_ triage: Triage) -> [Int: Triage.Reason] {
        Dictionary(uniqueKeysWithValues: triage.dropped.map { ($0.number, $0.reason) })
    }

    // MARK: - Fixtures

    @Test("GitHub Actions log: keeps the push denial, drops progress and noise")
    func githubActions() throws {
        let triage = Triage(try Fixtures.string("logs/github-actions-ghcr.log"))
        #expect(triage.hasErrorLines)
        #expect(triage.kept.map(\.number) == [115, 119, 124])
        #expect(
            triage.kept.map(\.text) == [
                "ERROR: failed to push ghcr.io/acme/api:latest: denied: permission_denied: write_package",
                "ERROR: failed to solve: failed to push ghcr.io/acme/api:latest: denied: permission_denied: write_package",
                "buildx failed with: ERROR: failed to solve: failed to push ghcr.io/acme/api:latest: denied: permission_denied: write_package",
            ])
        #expect(triage.kept.map(\.weight) == [1.0, 0.8, 1.0])
        #expect(triage.kept.allSatisfy { $0.signature.tokens.contains("write_package") })
        #expect(triage.kept[0].signature.text == "failed to push ‹image›: denied: permission_denied: write_package")
        let reasons = reasons(triage)
        #expect(reasons[18] == .progress)  // remote: Counting objects: 100% (87/87), done.
        #expect(reasons[83] == .progress)  // #4 sha256:… 1.26MB / 1.26MB 0.2s done
        #expect(reasons[97] == .noise)  // npm WARN deprecated …: This module is not supported
        #expect(reasons[116] == .separator)  // ------
        #expect(reasons[71] == .blank)
        #expect(triage.kept.count + triage.dropped.count == 124)
        #expect(!triage.informativeText.contains("2022-05-28"))
        #expect(triage.informativeText.split(separator: "\n").count == 3)
    }

    @Test("Node crash: keeps the TypeError, drops the location, echoed code, caret, frames and footer")
    func nodeCrash() throws {
        let triage = Triage(try Fixtures.string("logs/node-crash.txt"))
        #expect(triage.kept.map(\.text) == ["TypeError: Generator is already running"])
        #expect(triage.kept.first?.number == 5)
        #expect(triage.kept.first?.weight == 1)
        let reasons = reasons(triage)
        #expect(reasons[1] == .stackFrame)
        #expect(reasons[2] == .noise)
        #expect(reasons[3] == .separator)
        #expect(reasons[4] == .blank)
        for frame in 6...15 { #expect(reasons[frame] == .stackFrame) }
        #expect(reasons[17] == .noise)
    }

    @Test("Python traceback: keeps both exceptions of a chain")
    func pythonTraceback() throws {
        let triage = Triage(try Fixtures.string("logs/python-traceback.txt"))
        #expect(
            triage.kept.map(\.text) == [
                "KeyError: 'DATABASE_URL'",
                "RuntimeError: failed to load settings: DATABASE_URL is not set",
            ])
        #expect(triage.kept.map(\.weight) == [1, 1])
        let reasons = reasons(triage)
        #expect(reasons[2] == .stackFrame)  // Traceback (most recent call last):
        #expect(reasons[3] == .stackFrame)  // File "/srv/app/settings.py", line 14, in load
        #expect(reasons[4] == .noise)  // echoed code
        #expect(reasons[5] == .separator)  // ~~~~^^^^
        #expect(reasons[9] == .noise)  // During handling of the above exception …
        #expect(reasons[18] == .noise)  // raise RuntimeError(…) echoed
    }

    @Test("rustc error: keeps error[E0382], drops the source gutter and summaries")
    func rustError() throws {
        let triage = Triage(try Fixtures.string("logs/rust-error.txt"))
        #expect(triage.kept.map(\.text) == ["error[E0382]: borrow of moved value: `names`"])
        #expect(triage.kept.first?.signature.tokens == ["error", "e0382", "borrow", "of", "moved", "value"])
        let reasons = reasons(triage)
        #expect(reasons[3] == .stackFrame)  // --> src/main.rs:5:22
        for gutter in 4...16 { #expect(reasons[gutter] != nil) }
        #expect(reasons[19] == .noise)  // For more information about this error …
        #expect(reasons[20] == .noise)  // error: could not compile `app` … due to 1 previous error
    }

    @Test("BuildKit log: keeps the no-space errors, drops layer progress")
    func dockerBuild() throws {
        let triage = Triage(try Fixtures.string("logs/docker-build.log"))
        #expect(triage.kept.map(\.number) == [105, 116])
        #expect(triage.kept.last?.text == "ERROR: failed to solve: failed to copy files: copy file range failed: no space left on device")
        #expect(triage.kept.allSatisfy { $0.signature.tokens.suffix(4) == ["space", "left", "on", "device"] })
        let reasons = reasons(triage)
        for line in 16...20 { #expect(reasons[line] == .progress) }  // sha256 layers and extraction
        #expect(reasons[113] == .noise)  // Dockerfile excerpt gutter: `   8 | >>> COPY . .`
    }

    // MARK: - Behaviour

    @Test("a plain query without error words is kept whole")
    func plainQuery() throws {
        let triage = Triage("how do I freeze an object")
        #expect(!triage.hasErrorLines)
        #expect(triage.kept.count == 1)
        #expect(triage.kept.first?.weight == 1)
        #expect(triage.kept.first?.text == "how do I freeze an object")
        #expect(triage.informativeText == "how do I freeze an object")
        #expect(triage.dropped.isEmpty)
    }

    @Test("a multi-line input without error lines is one query")
    func multiLineQuery() throws {
        let triage = Triage("Object.freeze\n\n   \nwhy does assignment do nothing")
        #expect(!triage.hasErrorLines)
        #expect(triage.kept.map(\.text) == ["Object.freeze\nwhy does assignment do nothing"])
        #expect(triage.kept.first?.signature.tokens == ["object", "freeze", "why", "does", "assignment", "do", "nothing"])
        #expect(triage.dropped.map(\.reason) == [.blank, .blank])
    }

    @Test("a short error phrase is an error line")
    func errorPhrase() {
        let triage = Triage("is not a function")
        #expect(triage.hasErrorLines)
        #expect(triage.kept.map(\.text) == ["is not a function"])
        #expect(triage.kept.first?.weight == 1)
    }

    @Test("first and last error lines weigh most")
    func weights() {
        let triage = Triage("TypeError: a is not a function\ninvalid input\nRangeError: Invalid array length")
        #expect(triage.kept.count == 3)
        #expect(triage.kept[0].weight == 1)
        #expect(triage.kept[2].weight == 1)
        #expect(triage.kept[1].weight >= 0.5 && triage.kept[1].weight < 1)
    }

    @Test("duplicates are dropped and a repeated last error keeps its weight")
    func duplicates() {
        let log = "ERROR: failed to push a/b:v1: denied\nwarning-free line\nTypeError: x is not a function\nERROR: failed to push c/d:v2: denied"
        let triage = Triage(log)
        #expect(triage.kept.map(\.number) == [1, 3])
        #expect(reasons(triage)[4] == .duplicate)
        #expect(triage.kept[0].weight == 1)  // first, and the last error line's signature
        #expect(triage.kept[1].weight < 1)
    }

    @Test("lines that are errors only by their wrapper are not the first or last")
    func wrapperOnlyLines() {
        let log = """
            npm notice Publishing to https://npm.pkg.github.com/
            npm ERR! code E403
            npm ERR! 403 403 Forbidden - PUT https://npm.pkg.github.com/@acme%2fapi - Permission permission_denied: write_package
            npm ERR! 403 In most cases, you or one of your dependencies are requesting
            npm ERR! 403 on a server you do not have access to.

            npm ERR! A complete log of this run can be found in:
            npm ERR!     /home/runner/.npm/_logs/2022-05-28T00_20_04_123Z-debug-0.log
            Error: Process completed with exit code 1.
            """
        let triage = Triage(log)
        #expect(triage.kept.map(\.number) == [2, 3, 4, 5])
        #expect(triage.kept.map(\.weight) == [1, 1, 0.5, 0.5])
        #expect(triage.kept[1].signature.tokens.contains("write_package"))
        let reasons = reasons(triage)
        #expect(reasons[7] == .noise)
        #expect(reasons[8] == .noSignature)
        #expect(reasons[9] == .noise)
    }

    @Test("line endings: \\n, \\r\\n and \\r")
    func lineEndings() {
        let triage = Triage("ok\r\nTypeError: x is not a function\rok\nRangeError: y\n")
        #expect(triage.kept.map(\.number) == [2, 4])
        #expect(triage.dropped.map(\.number) == [1, 3])
    }

    @Test("ANSI escapes are removed")
    func ansi() {
        let triage = Triage("\u{1B}[32mok\u{1B}[0m\n\u{1B}[1;31mError:\u{1B}[0m Cannot find module 'express'")
        #expect(triage.kept.map(\.text) == ["Error: Cannot find module 'express'"])
        #expect(triage.dropped.map(\.text) == ["ok"])
    }

    @Test("only maxKept error lines: the first half and the last half")
    func maxKept() {
        let log = (1...10).map { "TypeError: thing\($0)x is not a function" }.joined(separator: "\n")
        let triage = Triage(log, maxKept: 4)
        #expect(triage.kept.map(\.number) == [1, 2, 9, 10])
        #expect(triage.dropped.map(\.reason) == Array(repeating: .overLimit, count: 6))
    }

    @Test("input past maxBytes is cut at a character boundary")
    func maxBytes() throws {
        let first = "TypeError: é is not a function"  // é is two bytes
        let log = first + "\n" + String(repeating: "filler line\n", count: 10) + "RangeError: Invalid array length"
        let triage = Triage(log, maxBytes: 13)
        #expect(triage.kept.map(\.text) == ["TypeError: é"])
        #expect(triage.dropped.count == 11)
        #expect(triage.dropped.allSatisfy { $0.reason == .overLimit })
        #expect(triage.dropped.last?.text == "RangeError: Invalid array length")
        let cutInside = Triage(first, maxBytes: 12)
        #expect(cutInside.kept.map(\.text) == ["TypeError:"] || cutInside.kept.isEmpty)
    }

    @Test("empty input")
    func empty() {
        let triage = Triage("")
        #expect(triage.kept.isEmpty)
        #expect(triage.dropped.isEmpty)
        #expect(triage.informativeText.isEmpty)
        #expect(!triage.hasErrorLines)
    }

    @Test("an error line with nothing meaningful left is noSignature")
    func noSignature() {
        let triage = Triage("TypeError: x is not a function\nError: 12345")
        #expect(triage.kept.count == 1)
        #expect(reasons(triage)[2] == .noSignature)
    }

    @Test("a large CI log keeps only its few error lines")
    func largeLog() {
        var lines: [String] = []
        for k in 0..<20_000 {
            switch k % 4 {
            case 0: lines.append("2024-01-01T00:00:00.0000000Z #9 \(k).123 Collecting package\(k)==1.2.\(k % 7)")
            case 1: lines.append("2024-01-01T00:00:00.0000000Z #4 sha256:1a2b3c4d5e6f7081 \(k % 30).5MB / 29.1MB 0.5s")
            case 2: lines.append("2024-01-01T00:00:00.0000000Z #10 [\(k % 7)/7] RUN make -j4 install")
            default: lines.append("")
            }
        }
        lines.insert("2024-01-01T00:00:00.0000000Z #12 ERROR: failed to solve: no space left on device", at: 12_345)
        let triage = Triage(lines.joined(separator: "\n"))
        #expect(triage.kept.map(\.number) == [12_346])
        #expect(triage.kept.count + triage.dropped.count == 20_000)
    }

    // MARK: - Line shapes

    static let shapes: [(String, Triage.Reason)] = [
        ("", .blank),
        ("   \t ", .blank),
        ("----------", .separator),
        ("==========", .separator),
        ("───────────", .separator),
        ("       ^^^^^", .separator),
        ("Downloading lodash-4.17.21.tgz", .progress),
        ("12%", .progress),
        ("[=====>        ] 45%", .progress),
        ("9eb82f04c782: Pulling fs layer", .progress),
        ("9eb82f04c782: Extracting  12.58MB/29.13MB", .progress),
        ("#5 sha256:9eb82f04c782a1b2 1.2MB / 3.4MB 0.5s", .progress),
        ("#5 extracting sha256:9eb82f04c782a1b2 0.5s done", .progress),
        ("Receiving objects: 100% (87/87), done.", .progress),
        ("    at Foo (file.js:1:2)", .stackFrame),
        ("    at file.js:1:2", .stackFrame),
        ("    at async Promise.all (index 0)", .stackFrame),
        ("\tat com.acme.App.run(App.java:10)", .stackFrame),
        ("\t... 3 more", .stackFrame),
        ("  File \"x.py\", line 3, in f", .stackFrame),
        ("Traceback (most recent call last):", .stackFrame),
        ("  --> src/main.rs:4:5", .stackFrame),
        ("goroutine 1 [running]:", .stackFrame),
        ("main.main()", .stackFrame),
        ("main.(*Server).run(0xc000010000, 0x1)", .stackFrame),
        ("\t/app/main.go:12 +0x1d", .stackFrame),
        ("created by main.main in goroutine 1", .stackFrame),
        ("/home/dev/app/index.js:4", .stackFrame),
        ("0  libswiftCore.so  0x00007f3c2a1b2c3d swift_runtime_fatal + 12", .stackFrame),
        ("Node.js v20.20.2", .noise),
        ("##[error]Process completed with exit code 1.", .noise),
        ("npm ERR! A complete log of this run can be found in:", .noise),
        ("  = note: this error originates in the macro", .noise),
        ("4 |     let w = v;", .noise),
        ("Login Succeeded!", .noise),
        ("warning: unused variable: `x`", .noise),
    ]

    @Test("noise is dropped with a reason", arguments: shapes)
    func shape(_ c: (String, Triage.Reason)) {
        let triage = Triage(c.0 + "\nRangeError: Invalid array length")
        #expect(triage.kept.map(\.number) == [2])
        #expect(reasons(triage)[1] == c.1)
    }

    @Test("Go panic: keeps the panic, drops the goroutine dump")
    func goPanic() {
        let log = """
            panic: runtime error: index out of range [5] with length 3

            goroutine 1 [running]:
            main.main()
            \t/app/main.go:12 +0x1d
            exit status 2
            """
        let triage = Triage(log)
        #expect(triage.kept.map(\.text) == ["panic: runtime error: index out of range [5] with length 3"])
        #expect(triage.kept.first?.signature.text == "panic: runtime error: index out of range [‹num›] with length ‹num›")
        let reasons = reasons(triage)
        #expect([3, 4, 5].map { reasons[$0] } == [.stackFrame, .stackFrame, .stackFrame])
    }

    @Test("Java exception: keeps the exception and its cause")
    func javaException() {
        let log = """
            Exception in thread "main" java.lang.IllegalStateException: boom
            \tat com.acme.App.run(App.java:10)
            \tat com.acme.App.main(App.java:5)
            Caused by: java.io.IOException: Permission denied
            \tat java.base/java.io.FileInputStream.open0(Native Method)
            \t... 3 more
            """
        let triage = Triage(log)
        #expect(triage.kept.map(\.number) == [1, 4])
        #expect(triage.kept.last?.signature.text == "java.io.ioexception: permission denied")
        #expect(triage.dropped.allSatisfy { $0.reason == .stackFrame })
    }
}
