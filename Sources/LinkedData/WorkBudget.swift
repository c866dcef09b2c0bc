#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A CPU-time budget shared by every stage of one piece of work (one verification: parsing, JSON-LD expansion,
/// RDFC-1.0, signature checks, status lists, nested credentials), so that no input shape can make that work run
/// for much longer than the budget, whichever stage it targets.
///
/// The budget counts the CPU time of the thread that created it, not wall-clock time: a busy machine or a slow
/// network fetch (which has its own time limits) does not use it up. The work it covers must therefore run on that
/// one thread, as synchronous code does. Stages find the budget of the work in progress through `current`, bound
/// with `withCurrent(_:_:)`, and call `check()` from their loops: the clock is read only every
/// `checkInterval` calls, so a check costs a counter increment.
///
/// ```swift
/// let budget = WorkBudget(seconds: 2)
/// let report = budget.withCurrent { verifier.verify(bytes: input) }
/// if budget.isExhausted { … }   // some stage stopped early
/// ```
public final class WorkBudget: @unchecked Sendable {
    // @unchecked: the counters are touched only by the thread doing the work (see above); `isExhausted` is read
    // by the same thread, or by the caller after the work returned.

    /// The CPU time allowed, in seconds.
    public let seconds: Double
    /// The thread CPU clock at creation, in nanoseconds.
    private let start: UInt64
    private let limitNanos: UInt64
    /// Calls to `check()` left before the clock is read again.
    private var untilClockRead: Int
    /// Whether the budget ran out (sticky: once exhausted, every later check fails at once).
    public private(set) var isExhausted = false

    /// How many `check()` calls pass between two readings of the clock. A check in the innermost loops of
    /// JSON-LD expansion and RDFC-1.0 is well under a microsecond of work, so the budget is overrun by at most a
    /// few milliseconds.
    public static let checkInterval = 1024

    /// The budget verification uses unless told otherwise: 2 seconds of CPU time.
    public static let defaultSeconds: Double = 2

    public init(seconds: Double) {
        self.seconds = seconds
        self.limitNanos = seconds <= 0 ? 0 : UInt64(min(seconds, 1e9) * 1e9)
        self.start = Self.threadCPUNanos()
        self.untilClockRead = Self.checkInterval
    }

    /// The budget of the work running on this thread or task, if any.
    @TaskLocal public static var current: WorkBudget?

    /// Runs `body` with this budget as `current`.
    public func withCurrent<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let result: Result<T, E> = Self.$current.withValue(self) {
            do throws(E) { return .success(try body()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// CPU time used since the budget was created, in seconds.
    public var spent: Double {
        Double(Self.threadCPUNanos() &- start) / 1e9
    }

    /// Counts one unit of work; every `checkInterval` units, reads the clock. Returns false once the budget is
    /// exhausted, and from then on at every call.
    @inline(__always)
    public func check() -> Bool {
        untilClockRead &-= 1
        if untilClockRead > 0 { return !isExhausted }
        untilClockRead = Self.checkInterval
        return checkNow()
    }

    /// Reads the clock now: false when the budget is exhausted.
    @discardableResult
    public func checkNow() -> Bool {
        if !isExhausted && Self.threadCPUNanos() &- start > limitNanos { isExhausted = true }
        return !isExhausted
    }

    /// Words for messages: "its CPU-time budget of 2 s".
    public var description: String {
        let amount = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        return "the CPU-time budget of \(amount) s"
    }

    /// The calling thread's CPU time, in nanoseconds.
    static func threadCPUNanos() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
