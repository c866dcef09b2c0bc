import BadgeServer
import Dispatch
import Foundation
import Synchronization
import Testing

/// A latch a pool job blocks on (on its worker thread, never on a cooperative one) until the test opens it.
final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let opened = Mutex(false)

    /// Blocks the calling thread until `open()`; at most 30 s, so a failing test cannot hang the run.
    func wait() {
        if opened.withLock({ $0 }) { return }
        _ = semaphore.wait(timeout: .now() + 300)
        semaphore.signal()
    }

    func open() {
        opened.withLock { $0 = true }
        semaphore.signal()
    }
}

/// A value shared between a test and its pool jobs.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}

/// Waits, without blocking a thread, until `condition` holds (at most 300 s: when the whole suite runs, tests that
/// block Swift's cooperative threads, such as the CLI tests waiting for a child process, can delay these tasks).
func eventually(_ what: Comment, _ condition: () -> Bool) async throws {
    let end = ContinuousClock.now + .seconds(300)
    while !condition() {
        if ContinuousClock.now > end {
            Issue.record("timed out waiting: \(what)")
            return
        }
        try await Task.sleep(for: .milliseconds(2))
    }
}

extension VerificationPool {
    /// Occupies one worker until `gate` opens; returns once the job is running.
    func block(on gate: Gate) async throws -> Task<Void, any Error> {
        let before = snapshot.running
        let task = Task { try await self.run { gate.wait() } }
        try await eventually("the blocking job runs") { self.snapshot.running > before }
        return task
    }
}

@Suite struct VerificationPoolTests {
    /// The deadline of pools whose deadline is not what a test is about.
    static let patient: Duration = .seconds(600)

    @Test("Results come back to the right callers, run on the pool's own threads")
    func results() async throws {
        let pool = VerificationPool(workers: 2, queueLimit: 64, timeout: Self.patient)
        let answers = try await withThrowingTaskGroup(of: (Int, Int, Bool).self) { group in
            for index in 0..<40 {
                group.addTask { (index, try await pool.run { index * 3 }, try await pool.run { Thread.isMainThread }) }
            }
            return try await group.reduce(into: [(Int, Int, Bool)]()) { $0.append($1) }
        }
        #expect(answers.count == 40)
        for (index, value, onMain) in answers {
            #expect(value == index * 3)
            #expect(!onMain)
        }
        let names = try await pool.run { Thread.current.name }
        #expect(names == "laurel-verify")
        #expect(pool.snapshot.threads <= 2)
    }

    @Test("No more jobs run at once than there are workers")
    func concurrencyBound() async throws {
        let pool = VerificationPool(workers: 3, queueLimit: 100, timeout: Self.patient)
        let counts = Locked((now: 0, most: 0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<24 {
                group.addTask {
                    try await pool.run {
                        counts.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                        usleep(3_000)
                        counts.withLock { $0.now -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        let most = counts.withLock { $0.most }
        #expect(most >= 1 && most <= 3, "at most 3 at once, saw \(most)")
        let after = pool.snapshot
        #expect(after.running == 0 && after.waiting == 0 && after.threads <= 3)
    }

    @Test("Waiting jobs are taken cheapest first, equal costs in the order they came")
    func cheapestFirst() async throws {
        let pool = VerificationPool(workers: 1, queueLimit: 8, timeout: Self.patient)
        let gate = Gate()
        let blocker = try await pool.block(on: gate)
        let order = Locked([String]())
        var tasks: [Task<Void, any Error>] = []
        for (name, cost) in [("big", 9), ("small-1", 1), ("medium", 4), ("small-2", 1)] {
            tasks.append(Task { try await pool.run(cost: cost) { order.withLock { $0.append(name) } } })
            let count = tasks.count
            try await eventually("\(name) waits") { pool.snapshot.waiting == count }
        }
        gate.open()
        try await blocker.value
        for task in tasks { try await task.value }
        #expect(order.withLock { $0 } == ["small-1", "small-2", "medium", "big"])
    }

    @Test("With every worker busy and the queue full, a job is refused at once")
    func queueFull() async throws {
        let pool = VerificationPool(workers: 1, queueLimit: 1, timeout: Self.patient)
        let gate = Gate()
        let blocker = try await pool.block(on: gate)
        let queued = Task { try await pool.run { 7 } }
        try await eventually("the second job waits") { pool.snapshot.waiting == 1 }
        let ran = Locked(false)
        await #expect(throws: VerificationPool.Refusal.full) {
            try await pool.run { ran.withLock { $0 = true } }
        }
        gate.open()
        try await blocker.value
        #expect(try await queued.value == 7)
        #expect(!ran.withLock { $0 })
    }

    @Test("A job whose deadline passes while it waits is answered then, and never run")
    func expiresInQueue() async throws {
        let pool = VerificationPool(workers: 1, queueLimit: 4, timeout: Self.patient)
        let gate = Gate()
        let blocker = try await pool.block(on: gate)
        let ran = Locked(false)
        let started = ContinuousClock.now
        await #expect(throws: VerificationPool.Refusal.expired) {
            try await pool.run(deadline: .now + .milliseconds(80)) { ran.withLock { $0 = true } }
        }
        // Answered at its deadline, while the worker is still held.
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(pool.snapshot.waiting == 0)
        gate.open()
        try await blocker.value
        #expect(try await pool.run { 1 } == 1)
        #expect(!ran.withLock { $0 })
    }

    @Test("A job still running at its deadline is answered timedOut; its worker is freed when it ends")
    func timesOutWhileRunning() async throws {
        // Long enough for the worker thread to have started even on a loaded machine, so the job is running, not
        // waiting, when its deadline passes.
        let pool = VerificationPool(workers: 1, queueLimit: 1, timeout: .seconds(1))
        let gate = Gate()
        await #expect(throws: VerificationPool.Refusal.timedOut) {
            try await pool.run { gate.wait() }
        }
        #expect(pool.snapshot.running == 1)
        gate.open()
        try await eventually("the worker is free") { pool.snapshot.running == 0 }
        #expect(try await pool.run(deadline: .now + .seconds(10)) { "next" } == "next")
    }

    @Test("Cancelling the caller drops its waiting job")
    func cancelledWhileWaiting() async throws {
        let pool = VerificationPool(workers: 1, queueLimit: 4, timeout: Self.patient)
        let gate = Gate()
        let blocker = try await pool.block(on: gate)
        let ran = Locked(false)
        let waiting = Task { try await pool.run { ran.withLock { $0 = true } } }
        try await eventually("the job waits") { pool.snapshot.waiting == 1 }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(pool.snapshot.waiting == 0)
        gate.open()
        try await blocker.value
        #expect(!ran.withLock { $0 })

        // A caller cancelled before it submits is answered at once, too.
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await pool.run { ran.withLock { $0 = true } }
        }
        await #expect(throws: CancellationError.self) { try await early.value }
        #expect(!ran.withLock { $0 })
    }

    @Test("Threads start only when work arrives, and stop when the pool is let go")
    func threadsLifecycle() async throws {
        var pool: VerificationPool? = VerificationPool(workers: 4, queueLimit: 4, timeout: Self.patient)
        #expect(pool?.snapshot.threads == 0)
        #expect(try await pool?.run { 5 } == 5)
        #expect(pool?.snapshot.threads == 1)
        pool = nil
    }
}
