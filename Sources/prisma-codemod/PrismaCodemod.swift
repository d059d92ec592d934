import ArgumentParser
@main struct PrismaCodemod: ParsableCommand {}
