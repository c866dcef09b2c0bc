import BadgeVerifier
import Foundation
import LinkedData
import Testing

/// The single CPU-time budget of one verification: every stage draws from it, and running out is a `limits`
/// failure naming the budget.
@Suite struct WorkBudgetTests {
    @Test("a budget runs out after its CPU time, stays exhausted, and is found through `current`")
    func budgetRunsOut() {
        let budget = WorkBudget(seconds: 0.02)
        #expect(budget.checkNow())
        #expect(WorkBudget.current == nil)
        let seen = budget.withCurrent { WorkBudget.current === budget }
        #expect(seen)
        var checks = 0
        var sink = 0
        while budget.check() {
            checks += 1
            for i in 0..<200 { sink &+= i &* checks }
            if checks > 500_000_000 { break }
        }
        #expect(budget.isExhausted, "\(checks) checks, sink \(sink)")
        #expect(budget.spent >= 0.02)
        #expect(!budget.check() && !budget.checkNow(), "once exhausted, always exhausted")
        #expect(WorkBudget(seconds: 2).description == "the CPU-time budget of 2 s")
    }

    @Test("verification's default budget is 2 s of CPU time, and a real badge needs far less")
    func defaultBudget() throws {
        #expect(VerificationOptions(at: 0).cpuTimeBudget == 2)
        let report = SignedSamples.verify(try SignedSamples.sign(try SignedSamples.unsigned()))
        #expect(report.outcome(.proof) == .pass, "\(report.describe)")
        #expect(report.outcome(.limits) == nil, "\(report.describe)")
    }

    @Test("a verification that runs out of budget is invalid with a limits failure naming it, and stops early")
    func exhaustedBudgetFails() throws {
        let signed = try SignedSamples.sign(try SignedSamples.unsigned())
        // Expansion and canonicalization of the sample take well over a microsecond.
        var options = VerificationOptions(at: SignedSamples.at)
        options.cpuTimeBudget = 0.000_001
        let report = Verifier(options: options).verify(bytes: signed, source: "test")
        #expect(report.verdict == .invalid, "\(report.describe)")
        #expect(report.outcome(.limits) == .fail, "\(report.describe)")
        #expect(report.headline.contains("CPU-time budget"), "\(report.headline)")
        // The policies after the budget ran out were not run: no recipient or status check is reported.
        #expect(report.outcome(.recipient) == nil && report.outcome(.status) == nil, "\(report.describe)")
    }

    @Test("the heaviest proof set still accepted (32 proofs in a previousProof web) stops at a small budget")
    func proofWebWithinBudget() throws {
        let web = try HostileShapeTests.proofSet(32)
        var options = VerificationOptions(at: SignedSamples.at)
        options.cpuTimeBudget = 0.05
        let start = Date()
        let report = Verifier(options: options).verify(bytes: web, source: "web")
        let seconds = Date().timeIntervalSince(start)
        #expect(report.verdict == .invalid, "\(report.describe)")
        // Generous (debug build, shared machine): the point is that the budget, not the input, bounds the time.
        #expect(seconds < 2, "took \(seconds) s with a 0.05 s budget")
    }

    @Test("a nested verification shares its caller's budget instead of starting a new one")
    func nestedShares() throws {
        let signed = try SignedSamples.sign(try SignedSamples.unsigned())
        let outer = WorkBudget(seconds: 0.000_001)
        let report = outer.withCurrent {
            Verifier(options: VerificationOptions(at: SignedSamples.at)).verify(bytes: signed, source: "inner")
        }
        #expect(outer.isExhausted)
        #expect(report.verdict == .invalid, "\(report.describe)")
    }
}
