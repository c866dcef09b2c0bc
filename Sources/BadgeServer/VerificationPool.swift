import Dispatch
import Foundation
#if os(Linux)
import Glibc
#endif

/// Runs CPU-bound work, such as verifying a badge, on a fixed number of dedicated threads, so that it never
/// occupies Swift's cooperative threads or the network event loops: pages, static files and `/healthz` keep being
/// answered however long verifications take.
///
/// Admission is bounded: at most `workers` jobs run and at most `queueLimit` wait. A job submitted beyond that is
/// refused at once with `VerificationPool.Refusal.full`. Each job has a deadline: a job still waiting when its
/// deadline passes is dropped without being run (`.expired`); a job that is running when its deadline passes is
/// answered `.timedOut` at that moment, and its result is discarded when it finishes (work that is already running
/// cannot be interrupted, so the work itself must bound its cost). A job whose submitting task is cancelled is
/// dropped if it is still waiting, and answered with `CancellationError` otherwise.
///
/// Waiting jobs are taken cheapest first, by the cost estimate given to `run` (jobs of equal cost in the order they
/// came): a burst of costly jobs then delays cheap ones by at most the jobs already running.
///
/// Threads are started when the first jobs arrive (never more than `workers`) and stop when the pool is released.
public final class VerificationPool: Sendable {
    /// Why a job was not run or its result not delivered.
    public enum Refusal: Error, Sendable, Equatable {
        /// Every worker was busy and the queue was full.
        case full
        /// The deadline passed while the job was waiting; it was not run.
        case expired
        /// The deadline passed while the job was running; its result is discarded.
        case timedOut
        /// The pool was shut down before the job ran.
        case shutDown
    }

    /// The number of jobs that may run at once.
    public let workers: Int
    /// The number of jobs that may wait for a worker.
    public let queueLimit: Int
    /// How long a job may take, waiting and running together, when `run` is given no deadline.
    public let timeout: Duration
    private let state: PoolState

    /// A pool of `workers` threads (at least one) with room for `queueLimit` waiting jobs (at least zero).
    public init(workers: Int, queueLimit: Int, timeout: Duration = .seconds(10)) {
        self.workers = max(1, workers)
        self.queueLimit = max(0, queueLimit)
        self.timeout = timeout
        state = PoolState(workers: self.workers, queueLimit: self.queueLimit)
    }

    deinit {
        state.shutDown()
    }

    /// The pool's figures at this moment.
    public var snapshot: Snapshot { state.snapshot }

    /// Counts of jobs at one moment.
    public struct Snapshot: Sendable, Equatable {
        /// Jobs a worker is running (including ones already answered `.timedOut`).
        public var running: Int
        /// Jobs waiting for a worker.
        public var waiting: Int
        /// Worker threads started so far.
        public var threads: Int
    }

    /// Runs `work` on one of the pool's threads and returns its result, or throws a `Refusal` (or
    /// `CancellationError`) as described for the type. `cost` is an estimate of the work's cost in any unit the
    /// caller uses consistently (waiting jobs of lower cost are taken first); `deadline` defaults to now plus
    /// `timeout`.
    public func run<Value: Sendable>(
        cost: Int = 0, deadline: ContinuousClock.Instant? = nil, _ work: @escaping @Sendable () -> Value
    ) async throws -> Value {
        let job = PoolJob(cost: cost, deadline: deadline ?? .now + timeout)
        let state = self.state
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                state.submit(
                    job,
                    execute: { [state] in
                        let value = work()
                        if state.claim(job) { continuation.resume(returning: value) }
                    },
                    fail: { continuation.resume(throwing: $0) })
            }
        } onCancel: {
            state.cancel(job)
        }
    }
}

/// One submitted job. Every field is read and written only while holding the owning `PoolState`'s condition
/// lock. The closures are let go as soon as the job is answered, so a job that waits on its deadline timer keeps no
/// upload in memory.
final class PoolJob: @unchecked Sendable {
    enum Phase {
        /// Made, not yet handed to the pool.
        case new
        case waiting
        case running
        /// Answered (with a result or an error); nothing more is sent.
        case answered
    }

    let cost: Int
    let deadline: ContinuousClock.Instant
    var phase = Phase.new
    /// Cancelled before it reached the pool.
    var cancelledEarly = false
    /// Runs the work and delivers its result (through `PoolState.claim`).
    var execute: (@Sendable () -> Void)?
    /// Delivers an error instead of a result.
    var fail: (@Sendable (any Error) -> Void)?

    init(cost: Int, deadline: ContinuousClock.Instant) {
        self.cost = cost
        self.deadline = deadline
    }

    /// Marks the job answered and returns the error handler, once; `nil` if it was already answered.
    func close() -> (@Sendable (any Error) -> Void)? {
        guard phase != .answered else { return nil }
        phase = .answered
        let fail = self.fail
        self.fail = nil
        execute = nil
        return fail
    }
}

/// The pool's queue, counters and threads, shared by the worker threads and the submitting tasks. Every stored
/// property is guarded by `condition`.
///
/// Deadlines are kept by one more thread, the pool's clock, which sleeps until the earliest deadline of the jobs
/// waiting or running and answers those whose deadline has passed. Jobs come and go by the thousand each second
/// while their deadlines are seconds away, so the clock is woken only when a job arrives with a deadline earlier
/// than the one it sleeps until (with one timeout for every job: only when work arrives at an idle pool), not once
/// per job.
final class PoolState: @unchecked Sendable {
    private let condition = NSCondition()
    private let workers: Int
    private let queueLimit: Int
    private var queue: [PoolJob] = []
    /// The jobs a worker is running, answered or not (at most `workers`).
    private var runningJobs: [PoolJob] = []
    private var running: Int { runningJobs.count }
    private var threads = 0
    private var idle = 0
    private var stopped = false
    /// Whether the clock thread has been started; when it will next look at the deadlines (nil: only when woken).
    private var clockStarted = false
    private var clockWakes: ContinuousClock.Instant?
    /// Wakes the clock thread early (a semaphore counts, so a wake-up given before it sleeps is not lost).
    private let clockSignal = DispatchSemaphore(value: 0)

    init(workers: Int, queueLimit: Int) {
        self.workers = workers
        self.queueLimit = queueLimit
    }

    var snapshot: VerificationPool.Snapshot {
        condition.lock()
        defer { condition.unlock() }
        return .init(running: running, waiting: queue.count, threads: threads)
    }

    /// Queues `job`, or answers it at once when it cannot be admitted.
    func submit(
        _ job: PoolJob, execute: @escaping @Sendable () -> Void, fail: @escaping @Sendable (any Error) -> Void
    ) {
        condition.lock()
        let refusal: (any Error)? =
            if job.cancelledEarly {
                CancellationError()
            } else if stopped {
                VerificationPool.Refusal.shutDown
            } else if running + queue.count >= workers + queueLimit {
                VerificationPool.Refusal.full
            } else {
                nil
            }
        if let refusal {
            job.phase = .answered
            condition.unlock()
            fail(refusal)
            return
        }
        job.execute = execute
        job.fail = fail
        job.phase = .waiting
        // After every waiting job that costs as much or less.
        let place = queue.lastIndex { $0.cost <= job.cost }.map { $0 + 1 } ?? 0
        queue.insert(job, at: place)
        if idle == 0 && threads < workers {
            threads += 1
            startThread()
        }
        condition.signal()
        var wakeClock = false
        if !clockStarted {
            clockStarted = true
            clockWakes = job.deadline
            startClock()
        } else if clockWakes.map({ job.deadline < $0 }) ?? true {
            clockWakes = job.deadline
            wakeClock = true
        }
        condition.unlock()
        if wakeClock { clockSignal.signal() }
    }

    /// Marks a running `job` answered if nothing has answered it yet; the caller that gets `true` delivers the
    /// result.
    func claim(_ job: PoolJob) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard job.phase == .running else { return false }
        _ = job.close()
        return true
    }

    /// Drops `job` if it waits, and answers it with `CancellationError` unless it was answered already.
    func cancel(_ job: PoolJob) {
        condition.lock()
        if job.phase == .new { job.cancelledEarly = true }
        let fail = take(job)
        condition.unlock()
        fail?(CancellationError())
    }

    /// Takes a waiting or running `job` off the queue, marks it answered and returns its error handler; `nil` for a
    /// job that is new or already answered. Called holding the lock.
    private func take(_ job: PoolJob) -> (@Sendable (any Error) -> Void)? {
        switch job.phase {
        case .new, .answered:
            return nil
        case .waiting:
            queue.removeAll { $0 === job }
        case .running:
            break
        }
        return job.close()
    }

    /// Stops the threads once the queue is empty; jobs still waiting are answered `.shutDown`.
    func shutDown() {
        condition.lock()
        stopped = true
        let dropped = queue.compactMap { $0.close() }
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
        clockSignal.signal()
        for fail in dropped { fail(VerificationPool.Refusal.shutDown) }
    }

    private func startThread() {
        let thread = Thread { [self] in
            Thread.current.name = "laurel-verify"
            Self.yieldToNetworkThreads()
            work()
        }
        // As much stack as a main thread: verification recurses over the structure of the uploaded data.
        thread.stackSize = 8 << 20
        Self.start(thread, named: "laurel-verify")
    }

    private func startClock() {
        let thread = Thread { [self] in
            Thread.current.name = "laurel-deadline"
            keepDeadlines()
        }
        thread.stackSize = 256 << 10
        Self.start(thread, named: "laurel-deadline")
    }

    /// Starts `thread` named `name`, short enough for the system's limit (15 characters on Linux) so that tools
    /// that list threads, and profilers, show it. A name given before start is not passed on to the system thread
    /// everywhere; one given from inside is passed on only once the starting thread has recorded the new one, which
    /// it may not have done yet; one given after start always is. So it is given both ways.
    private static func start(_ thread: Thread, named name: String) {
        thread.start()
        thread.name = name
    }

    /// Lowers the calling thread's scheduling priority a little (nice 5, on Linux, where the nice value belongs to
    /// a thread), so that when verifications fill every core the kernel still runs the event loop as soon as it
    /// has a request to read or an answer to send.
    private static func yieldToNetworkThreads() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)
        #endif
    }

    /// A worker thread's loop: take the oldest waiting job, drop it if its deadline has passed, run it otherwise.
    private func work() {
        condition.lock()
        while true {
            while queue.isEmpty && !stopped {
                idle += 1
                condition.wait()
                idle -= 1
            }
            if queue.isEmpty {
                threads -= 1
                condition.unlock()
                return
            }
            let job = queue.removeFirst()
            if ContinuousClock.now >= job.deadline {
                let fail = job.close()
                condition.unlock()
                fail?(VerificationPool.Refusal.expired)
                condition.lock()
                continue
            }
            guard let execute = job.execute else { continue }
            job.phase = .running
            job.execute = nil
            runningJobs.append(job)
            condition.unlock()
            execute()
            condition.lock()
            if let index = runningJobs.firstIndex(where: { $0 === job }) { runningJobs.remove(at: index) }
        }
    }

    /// The clock thread's loop: answer every job whose deadline has passed (`.expired` if it waits, `.timedOut` if
    /// it runs), then sleep until the earliest deadline left, or until woken. It ends once the pool is shut down and
    /// no job waits or runs.
    private func keepDeadlines() {
        while true {
            condition.lock()
            let now = ContinuousClock.now
            var due: [(fail: @Sendable (any Error) -> Void, error: VerificationPool.Refusal)] = []
            var earliest: ContinuousClock.Instant? = nil
            queue.removeAll { job in
                guard job.deadline <= now else {
                    earliest = min(earliest ?? job.deadline, job.deadline)
                    return false
                }
                if let fail = job.close() { due.append((fail, .expired)) }
                return true
            }
            for job in runningJobs where job.phase == .running {
                if job.deadline <= now {
                    if let fail = job.close() { due.append((fail, .timedOut)) }
                } else {
                    earliest = min(earliest ?? job.deadline, job.deadline)
                }
            }
            if stopped && queue.isEmpty && runningJobs.isEmpty {
                clockStarted = false
                clockWakes = nil
                condition.unlock()
                for (fail, error) in due { fail(error) }
                return
            }
            clockWakes = earliest
            condition.unlock()
            for (fail, error) in due { fail(error) }
            if let earliest {
                let (seconds, attoseconds) = max(.zero, earliest - .now).components
                let nanoseconds = Int(min(seconds, 1 << 32)) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
                // A little late rather than early: an early wake-up only looks again.
                _ = clockSignal.wait(timeout: .now() + .nanoseconds(nanoseconds + 100_000))
            } else if stopped {
                // Shut down with jobs still running: look again soon, until they are done.
                _ = clockSignal.wait(timeout: .now() + .milliseconds(100))
            } else {
                clockSignal.wait()
            }
        }
    }
}
