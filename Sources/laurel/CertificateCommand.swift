import ArgumentParser
import BadgeIssuer
import LinkedData

/// `laurel certificate CREDENTIAL --html OUT`.
struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate",
        abstract: "Write a printable certificate page (A4 or Letter) for a credential file (JSON).")

    @Argument(help: "The credential file (a JSON Open Badges credential).")
    var credential: String

    @Option(help: ArgumentHelp("Where to write the page.", valueName: "file"))
    var html: String

    func run() throws {
        let bytes = try Console.readInput(credential, limit: 16 * 1024 * 1024)
        let object: JSONObject
        do {
            guard let parsed = try JSONValue(parsing: bytes).objectValue else {
                throw CLIError("\(credential): the credential is not a JSON object")
            }
            object = parsed
        } catch let error as JSONParseError {
            throw CLIError("\(credential): not a JSON credential (a VC-JWT needs decoding first): \(error)")
        }
        let subject = object["credentialSubject"]?.objectValue
        guard subject?["achievement"]?.objectValue != nil else {
            throw CLIError("\(credential): credentialSubject.achievement is missing; is this an Open Badges credential?")
        }
        try LearningCLI.writePage(CertificatePage.render(
            credential: object, source: String(credential.split(separator: "/").last ?? Substring(credential))), to: html)
    }
}
