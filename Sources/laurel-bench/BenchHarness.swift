#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small, dependency-free timing harness for `laurel-bench`.
///
/// Each measurement runs the body in rounds of a calibrated number of iterations (about 20 ms a round),
/// then reports the median time per operation over the rounds, so one slow round on a shared machine does
/// not move the figure. Everything runs on the calling thread: figures are per core.
struct BenchHarness {
    struct Result {
        var name: String
        var medianNanoseconds: Double
        var minNanoseconds: Double
        var maxNanoseconds: Double
        var rounds: Int
        var iterationsPerRound: Int
        /// Median CPU time of this thread per operation: unlike the wall-clock figures, it leaves out the time the
        /// thread waited for a core, so it stays meaningful on a busy machine.
        var medianCPUNanoseconds: Double = 0

        var opsPerSecond: Double { 1e9 / medianNanoseconds }
    }

    var rounds: Int = 15
    var targetRoundNanoseconds: Double = 20_000_000

    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// CPU time used by the calling thread, in nanoseconds.
    static func threadCPUTime() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Times `body`, which performs one operation per call.
    func measure(_ name: String, _ body: () throws -> Void) rethrows -> Result {
        // Warm up and calibrate: grow the iteration count until one batch takes a measurable time.
        var iterations = 1
        while true {
            let start = Self.now()
            for _ in 0..<iterations { try body() }
            let elapsed = Double(Self.now() - start)
            if elapsed >= targetRoundNanoseconds / 4 || iterations >= 1 << 24 {
                let perOp = max(elapsed / Double(iterations), 1)
                iterations = max(1, Int(targetRoundNanoseconds / perOp))
                break
            }
            iterations *= 4
        }
        var samples: [Double] = []
        var cpuSamples: [Double] = []
        samples.reserveCapacity(rounds)
        cpuSamples.reserveCapacity(rounds)
        for _ in 0..<rounds {
            let start = Self.now()
            let cpuStart = Self.threadCPUTime()
            for _ in 0..<iterations { try body() }
            cpuSamples.append(Double(Self.threadCPUTime() - cpuStart) / Double(iterations))
            samples.append(Double(Self.now() - start) / Double(iterations))
        }
        samples.sort()
        cpuSamples.sort()
        return Result(
            name: name, medianNanoseconds: samples[samples.count / 2], minNanoseconds: samples.first!,
            maxNanoseconds: samples.last!, rounds: rounds, iterationsPerRound: iterations,
            medianCPUNanoseconds: cpuSamples[cpuSamples.count / 2])
    }
}

extension BenchHarness.Result {
    /// One aligned line: name, median time per operation, operations per second, spread.
    var line: String {
        "\(pad(name, 44)) median \(pad(Self.formatTime(medianNanoseconds), 10)) \(pad(Self.formatRate(opsPerSecond), 14)) (min \(Self.formatTime(minNanoseconds)), max \(Self.formatTime(maxNanoseconds)))"
    }

    static func formatTime(_ ns: Double) -> String {
        if ns >= 1_000_000 { return format(ns / 1_000_000, 3) + " ms" }
        if ns >= 1_000 { return format(ns / 1_000, 2) + " µs" }
        return format(ns, 0) + " ns"
    }

    static func formatRate(_ rate: Double) -> String {
        format(rate, 0) + " op/s"
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if decimals == 0 { return String(Int(rounded)) }
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let fraction = text.distance(from: dot, to: text.endIndex) - 1
            if fraction < decimals { text += String(repeating: "0", count: decimals - fraction) }
        }
        return text
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
