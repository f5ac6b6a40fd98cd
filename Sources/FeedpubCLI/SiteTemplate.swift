/// The `feedpub.yml` that `feedpub init` writes: every key, commented, with its default and what it does.
enum SiteTemplate {
    static let text = """
        # feedpub.yml — the site's feed configuration (`feedpub init` wrote it; `feedpub config` shows what is in
        # effect and where each value comes from). Run `feedpub build` in this folder. Every key but site.url and
        # site.title is optional; a commented key shows its default.

        site:
          title: ""                                # REQUIRED: the site's name; feed titles end with it
          url: ""                                  # REQUIRED: absolute http(s) home page; item ids are built on its host
          # description: Curated content from <title>
          # language: en-US                        # RFC 5646
          # favicon: https://example.org/favicon.ico
          # icon: https://example.org/icon-512.png # JSON Feed icon (square)
          # logo: https://example.org/logo.png     # RSS <image>, Atom <logo>
          # copyright: © Example

        # publisher:                               # the feed-level author (Atom requires one)
          # name: <site.title>
          # email: editors@example.org             # RSS managingEditor, OPML ownerEmail
          # url: <site.url>

        feeds:
          folder: public/feeds                     # where the feeds are written, relative to this file
          # url: <site.url>/feeds/                 # where that folder is served: self links and OPML use it
          # limit: 50                              # items per feed, newest first; 0 = all
          # archive: 100                           # also publish the whole history as RFC 5005 archive pages of at most
                                                   # 100 items (JSON Feed: next_url pages); needs a limit
          # formats: [rss, atom, json]
          # opml: rss                              # which format index.opml lists (one of formats)
          # content: full                          # full: the body; summary: the description only
          # folders:                               # where each feed's files go, relative to feeds.folder and feeds.url
            # site: all                            # "" puts the site's feeds at the top (Hugo: /index.xml)
            # community: communities/{slug}
            # topic: topics/{slug}
          # files:                                 # file names in those folders (Hugo: rss: index.xml)
            # rss: rss.xml
            # atom: atom.xml
            # json: feed.json

        content:
          folder: content                          # the items (*.md with YAML front matter), relative to this file
          # mediaURL: <site.url>/media/            # featuredImage.href is resolved against it
          # itemURL: "{site}{basePath}{slug}/"     # item page; placeholders {site} {basePath} {slug} {community} {id}

        # pages:
          # community: "{site}/communities/{slug}/"
          # topic: "{site}/topics/{slug}/"

        # categories:
          # topicScheme: <site.url>/topics/
          # tagScheme: <site.url>/tags/

        # ids:                                     # tag URIs (RFC 4151): never change them once feeds are public
          # authority: <the host of site.url without www.>
          # date: "2020"                           # a date on which the publisher owned the authority

        # communities:                             # per community slug or name
          # chronic-care-management:
            # title: Chronic Care Management
            # description: News and analysis on chronic care management

        # topics:                                  # per topic slug or name, like communities
          # aliases:                               # renamed topics: old name → new name (merged into one feed)
            # Old Topic Name: New Topic Name
          # remote-patient-monitoring:
            # title: Remote Patient Monitoring

        # limits:                                  # how much one item may put into the feeds
          # topics: 20
          # authors: 20
          # tags: 50
          # title: 300                             # characters, cut at a word boundary with …
          # summary: 1000
          # oldest: 1990-01-01                     # older dates are published with a warning

        # serve:                                   # feedpub serve
          # cacheControl: public, max-age=300      # Cache-Control of every file served

        """
}
