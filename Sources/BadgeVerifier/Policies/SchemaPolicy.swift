import LinkedData
import OpenBadges
import Synchronization

/// The credential matches the official 1EdTech JSON Schema for its class (single values are first normalised
/// to the arrays the strict schema expects, as the Open Badges specification allows them).
public struct SchemaPolicy: CredentialPolicy {
    public init() {}

    public func check(_ credential: CredentialUnderTest, options: VerificationOptions) -> [CheckResult] {
        let validator: JSONSchemaValidator
        switch credential.kind {
        case .achievement where credential.view.dataModelVersion == .v2:
            validator = OpenBadgesSchemas.achievementCredential
        case .endorsement where credential.view.dataModelVersion == .v2:
            validator = OpenBadgesSchemas.endorsementCredential
        case .achievement, .endorsement:
            return [.skipped(.schema, "The official JSON Schema covers Verifiable Credentials 2.0 badges; this one uses VC 1.1.")]
        case .clr:
            return [.skipped(.schema, "No official CLR 2.0 JSON Schema for Verifiable Credentials 2.0 is available offline.")]
        case .statusList, .presentation, .other:
            return []
        }
        // OB 3.0's schema allows one credentialStatus; VC 2.0 allows several (Laurel writes two for suspendable
        // badges). Each entry must be an object with a type; the first is checked against the schema.
        var checked = credential.json
        if case .array(let entries)? = checked["credentialStatus"] {
            if entries.isEmpty || !entries.allSatisfy({ $0.objectValue?["type"]?.stringValue != nil }) {
                return [.fail(.schema, "The badge's credentialStatus entries must each be an object with a type.")]
            }
            checked["credentialStatus"] = entries[0]
        }
        let violations = SchemaMemoPool.shared.withMemo { memo in
            validator.validateNormalizingSingleValues(.object(checked), memo: memo)
        }
        if !violations.isEmpty {
            let shown = violations.prefix(5).map { v in (v.path.isEmpty ? "" : "\(v.path): ") + v.message }
            let more = violations.count > 5 ? " (and \(violations.count - 5) more)" : ""
            return [.fail(.schema,
                "The badge does not follow the Open Badges 3.0 format: " + shown.joined(separator: "; ") + more + ".")]
        }
        // Other schemas the credential names cannot be fetched offline; the official one was checked above.
        let official: Set<String> = [
            OpenBadgesSchemas.achievementCredentialSchemaURL, OpenBadgesSchemas.endorsementCredentialSchemaURL,
        ]
        let others = credential.view.credentialSchema.compactMap(\.id).filter { !official.contains($0) }
        if !others.isEmpty && !options.online {
            return [.warning(.schema,
                "The badge follows the Open Badges 3.0 format. It also names other schemas, which were not checked offline: \(others.joined(separator: ", ")).")]
        }
        return [.pass(.schema, "The badge follows the Open Badges 3.0 format (official JSON Schema).")]
    }
}

/// Schema memos for the threads verifying at a time: badges verified one after another mostly share their issuer,
/// achievement and contexts, which are then checked against the schema once per thread rather than once per badge
/// (`SchemaMemo`: the outcome is the same). A memo is taken for one validation and given back after.
final class SchemaMemoPool: Sendable {
    static let shared = SchemaMemoPool()

    /// A memo between validations (only ever used by the one validation that took it out of the pool).
    private struct Parked: @unchecked Sendable {
        let memo: SchemaMemo
    }

    private let parked = Mutex<[Parked]>([])
    /// Memos kept at most (one per thread that verifies at the same time; more threads make their own).
    private let limit = 16

    func withMemo<R>(_ body: (SchemaMemo) -> R) -> R {
        let memo = parked.withLock { $0.popLast() }?.memo ?? SchemaMemo()
        let result = body(memo)
        let limit = self.limit
        let returned = Parked(memo: memo)
        parked.withLock { if $0.count < limit { $0.append(returned) } }
        return result
    }
}
