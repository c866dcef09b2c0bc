/// Why RDFC-1.0 refused to canonicalize a dataset.
public struct RDFCError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The dataset needs more work than `RDFCLimits` allows: the mark of a "poison" dataset built to make
        /// Hash N-Degree Quads run for a very long time (RDFC-1.0 §"Dataset Poisoning").
        case workLimitExceeded = "work_limit_exceeded"
        /// A quad is not RDF: a literal or blank node as predicate, or a literal as subject or graph name.
        case invalidQuad = "invalid_quad"
    }

    public var code: Code
    /// What was wrong, in plain words, naming the limit or the quad.
    public var reason: String

    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "RDFC-1.0: \(reason)" }
}

extension RDFCError {
    /// Canonicalization stopped because the work it is part of (a verification) used up its CPU-time budget.
    static func budgetExhausted(_ budget: WorkBudget) -> RDFCError {
        RDFCError(
            code: .workLimitExceeded,
            reason: "canonicalization stopped when the work it is part of had used up \(budget.description)")
    }
}
