import ArgumentParser
import FeedpubCLI

FeedpubCommand.main()
