import ArgumentParser

/// `laurel-bench`: speed figures measured inside one process, on one core, as medians over rounds. A separate
/// executable, so the `laurel` users run carries none of it.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "laurel-bench",
        abstract: "Measure Laurel's speed on this machine (build with -c release for real figures).",
        discussion: """
            Each figure is the median time per operation over 15 rounds of about 20 ms
            each, on one thread.
            Run a release build for meaningful numbers:

              swift run -c release laurel-bench            # every suite
              swift run -c release laurel-bench crypto     # one suite
              laurel-bench --repeat verify-rdfc -n 200    # one operation N times,
                                                  # for valgrind --tool=callgrind
              laurel-bench --repeat verify-rdfc -n 50 --time    # its time per
                                                  # operation, median of 5 rounds

            Suites: \(BenchSuites.all.map(\.name).joined(separator: ", ")).
            """
    )

    @Argument(help: "Suites to run (default: all).")
    var suites: [String] = []

    @Option(name: .customLong("repeat"), help: ArgumentHelp(
        "Run one operation N times and nothing else, for instruction counts.",
        discussion: BenchRepeat.operations.map { "\($0.name): \($0.about)" }.joined(separator: "\n"),
        valueName: "operation"))
    var repeatOperation: String?

    @Option(name: [.customShort("n"), .long], help: "How many times --repeat runs its operation.")
    var count: Int = 100

    @Flag(help: "With --repeat: print the time per operation, the median of --rounds rounds of -n runs.")
    var time = false

    @Option(help: "How many timed rounds --time takes.")
    var rounds: Int = 5

    func validate() throws {
        guard count >= 1 else { throw ValidationError("-n must be at least 1") }
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
        if time && repeatOperation == nil { throw ValidationError("--time times a --repeat operation; name one") }
        if let operation = repeatOperation, !BenchRepeat.operations.contains(where: { $0.name == operation }) {
            throw ValidationError("unknown operation '\(operation)'; known operations: "
                + BenchRepeat.operations.map(\.name).joined(separator: ", "))
        }
        let known = Set(BenchSuites.all.map(\.name))
        for suite in suites where !known.contains(suite) {
            throw ValidationError("unknown bench suite '\(suite)'; known suites: \(known.sorted().joined(separator: ", "))")
        }
    }

    func run() throws {
        if let operation = repeatOperation, time {
            let (nanoseconds, failures) = try BenchRepeat.time(operation, count: count, rounds: rounds)
            let microseconds = (nanoseconds / 1000 * 10).rounded() / 10
            print("\(operation): \(microseconds) µs per operation (median of \(rounds) rounds of \(count))"
                + (failures > 0 ? "; \(failures) failed" : ""))
            if failures > 0 { throw ExitCode.failure }
            return
        }
        if let operation = repeatOperation {
            let failures = try BenchRepeat.run(operation, count: count)
            print("\(operation) × \(count)\(failures > 0 ? ": \(failures) failed" : "")")
            if failures > 0 { throw ExitCode.failure }
            return
        }
        #if DEBUG
        print("note: this is a debug build; use `swift run -c release laurel-bench` for real figures.")
        #endif
        let harness = BenchHarness()
        let chosen = suites.isEmpty ? BenchSuites.all : BenchSuites.all.filter { suites.contains($0.name) }
        for suite in chosen {
            print("== \(suite.name): \(suite.summary)")
            try suite.run(harness)
            print("")
        }
    }
}

/// A named group of measurements.
struct BenchSuite {
    var name: String
    var summary: String
    var run: (BenchHarness) throws -> Void
}

/// The suites `laurel-bench` knows. Each area of Laurel adds its suite here.
enum BenchSuites {
    static var all: [BenchSuite] {
        [
            // (suites are added by each area: crypto, jcs, jsonld, rdfc, proofs, ...)
            baking,
            status,
            schema,
            jcs,
            jsonld,
            proofs,
            rdfc,
            crypto,
            ledger,
            rdfcProofs,
            hostile,
        ]
    }
}
