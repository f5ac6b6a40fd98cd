import CLibXML2

/// One-time process-wide set-up of libxml2.
enum LibXMLSetUp {
    /// `xmlInitParser` must run once before libxml2 is used from several threads.
    private static let initialized: Bool = {
        xmlInitParser()
        clibxml2_silence_errors()
        return true
    }()

    /// Initializes libxml2 on first call; later calls cost one load.
    static func initializeOnce() {
        _ = initialized
    }
}
