import BadgeServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkedData
import Testing

/// The server when verification is saturated: its pool (one worker, one waiting place) is filled by test jobs
/// that block on a gate, on the pool's own thread.
@Suite struct BusyServerTests {
    /// Runs `body` with the pool's worker held and its queue full; opens the gate afterwards.
    static func withFullPool(
        _ pool: VerificationPool, _ body: () async throws -> Void
    ) async throws {
        let gate = Gate()
        let blocker = try await pool.block(on: gate)
        let queued = Task { try await pool.run { gate.wait() } }
        try await eventually("the queue is full") { pool.snapshot.waiting == 1 }
        do {
            try await body()
        } catch {
            gate.open()
            throw error
        }
        gate.open()
        try await blocker.value
        try await queued.value
    }

    @Test("A full pool: /api/verify and /verify get 503 with Retry-After, /healthz and pages still answer")
    func fullPool() async throws {
        let fixture = try ServerFixture.shared.get()
        // The jobs that fill the pool must not expire while the requests are made, however slowly a loaded machine
        // runs this test.
        let pool = VerificationPool(workers: 1, queueLimit: 1, timeout: VerificationPoolTests.patient)
        var configuration = fixture.configuration()
        configuration.pool = pool
        configuration.retryAfterSeconds = 3
        let app = buildApplication(configuration)
        try await app.test(.router) { client in
            try await Self.withFullPool(pool) {
                let api = try await client.execute(
                    uri: "/api/verify", method: .post, headers: headers("application/json"),
                    body: ByteBuffer(bytes: fixture.validJSON))
                #expect(api.status == .serviceUnavailable)
                #expect(api.headers[.retryAfter] == "3")
                #expect(api.headers[.contentType] == "application/json; charset=utf-8")
                let error = try JSONValue(parsing: api.text)
                #expect(error["error"]?.stringValue == "busy")
                #expect(error["reason"]?.stringValue?.contains("try again in 3 seconds") == true)

                var form = MultipartBody()
                form.file("file", fileName: "badge.json", type: "application/json", fixture.validJSON)
                let page = try await client.execute(
                    uri: "/verify", method: .post, headers: headers(form.contentType), body: form.finished)
                #expect(page.status == .serviceUnavailable)
                #expect(page.headers[.retryAfter] == "3")
                #expect(page.text.contains("<h1>Busy</h1>"))
                let hosted = try await client.execute(uri: "/verify?id=\(fixture.validID)", method: .get)
                #expect(hosted.status == .serviceUnavailable)

                let health = try await client.execute(uri: "/healthz", method: .get)
                #expect(health.status == .ok)
                #expect(health.text == "ok\n")
                let home = try await client.execute(uri: "/", method: .get)
                #expect(home.status == .ok)
                // Refusals are answered at once: nothing was added to the pool.
                #expect(pool.snapshot.waiting == 1)
            }
            let after = try await client.execute(
                uri: "/api/verify", method: .post, headers: headers("application/json"),
                body: ByteBuffer(bytes: fixture.validJSON))
            #expect(after.status == .ok)
            #expect(try JSONValue(parsing: after.text)["verdict"]?.stringValue == "valid")
        }
    }

    @Test("Over a socket: with the worker held, a verification waits, then gets 503 at its deadline; /healthz answers meanwhile")
    func deadlineLive() async throws {
        let fixture = try ServerFixture.shared.get()
        let pool = VerificationPool(workers: 1, queueLimit: 4, timeout: .milliseconds(300))
        var configuration = fixture.configuration()
        configuration.pool = pool
        let app = buildApplication(configuration)
        try await app.test(.live) { client in
            let gate = Gate()
            let blocker = Task { try? await pool.run(deadline: .now + .seconds(30)) { gate.wait() } }
            try await eventually("the worker is held") { pool.snapshot.running == 1 }
            let started = ContinuousClock.now
            let api = try await client.execute(
                uri: "/api/verify", method: .post, headers: headers("application/json"),
                body: ByteBuffer(bytes: fixture.validJSON))
            #expect(api.status == .serviceUnavailable)
            #expect(api.headers[.retryAfter] == "2")
            #expect(ContinuousClock.now - started >= .milliseconds(250))
            #expect(try JSONValue(parsing: api.text)["error"]?.stringValue == "busy")
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            gate.open()
            await blocker.value
            // The worker is free again. This pool's deadline is 300 ms of wall time, which a verification on a
            // loaded machine (other suites signing in parallel) can pass; a few tries show the pool recovered.
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<20 {
                let after = try await client.execute(
                    uri: "/api/verify", method: .post, headers: headers("application/json"),
                    body: ByteBuffer(bytes: fixture.validJSON))
                statuses.append(after.status)
                if after.status == .ok { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(statuses.last == .ok, "after the worker was freed: \(statuses)")
        }
    }

    @Test("The pool is made from the configuration: one worker per core and four waiting places per worker")
    func defaults() {
        let configuration = ServerConfiguration(now: { 0 })
        #expect(configuration.workers == max(1, ProcessInfo.processInfo.activeProcessorCount))
        #expect(configuration.effectiveQueueLimit == 4 * configuration.workers)
        #expect(configuration.requestTimeout == .seconds(10))
        var custom = configuration
        custom.workers = 3
        custom.queueLimit = 0
        #expect(custom.effectiveQueueLimit == 0)
    }
}
