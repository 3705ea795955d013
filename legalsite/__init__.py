"""legalsite: a static bilingual (中文 / English) legal-document site generator.

How data flows: the editors' YAML is read and checked by ``sources`` into the value objects of
``model``; ``compare`` turns two versions into one account of the change; ``site`` plans every
page and file of a build date (``evidence`` makes the PDFs among them); ``plugin`` hands them to
MkDocs, which writes the site; ``commands`` run all this for the CLI.

Each folder is a layer. A layer imports only from the layers below it (pyproject.toml
``[tool.importlinter]``, checked by ``lint-imports`` in the test command), and no module of the
package imports another inside a function::

    cli                  the argument parser
    commands             what each command does
    plugin               MkDocs: build events, search index, preview
    site                 the pages and files of a build date
    evidence             PDFs, their cache, the ledger, verify
    compare | sources    what changed | reading the editors' files
    model                value objects, words, characters, escaping, routes

``model``
    The content model: small immutable value objects with no I/O (``document``; a notice rule,
    ``notice``), numbering styles (``numbering``), citations (``citation``) and prominent terms
    (``prominent``), and what every layer shares: the site's words in both languages
    (``words``), the characters an editor's string may hold (``characters``), the inline markup
    allowed in clauses (``inline``), the one escaper per output context (``escape``), located
    problems and the one error type (``errors``), and where every page and file lives
    (``routes``).
``sources``
    Reading and checking the editors' files: YAML kept with its locations (``yamlfile``), the
    JSON Schemas' messages (``schema``), agreements into the model (``load``), a version's
    ``meta.yaml`` (``meta``, ``summaries``), a document's ``document.yaml`` (``document_file``),
    the working-day calendar and publication dates under a notice rule (``calendar``),
    translation drift (``drift``), ``legalsite format`` (``fixer``), git: reading a commit
    (``gitref``), which versions changed (``changed_versions``), published versions never
    change (``frozen``); and ``legalsite import`` (``importing``: existing Markdown, plain-text
    and Word documents read, paired and written as the editors' YAML).
``compare``
    What changed between two versions: words of Chinese text (``segment``), the redline inside
    a clause (``redline``), the comparison aligned by ids (``diff``), the one account every
    surface tells (``account``), and that account for a terminal or a pull request
    (``report``).
``evidence``
    What a reader can file: the PDFs (``pdf``) and the characters their font can draw
    (``glyphs``), kept between builds (``pdf_cache``), the Word documents and redlines beside
    them (``docx``), the publication ledger of what was served and when (``ledger``), the last
    published site a build starts from (``previous``), and ``legalsite verify`` (``verify``).
``site``
    The pages and files of a site on a build date: the plan of everything generated
    (``plan``), a version's pages (``render``), the changes page (``changes``), the side-by-side,
    at-date and compare pages (``reader_pages``), each clause's history (``clause_history``),
    links to removed clauses (``removed_clauses``), Atom feeds (``feeds``), and the folders a
    build owns (``folders``).
``plugin``
    The MkDocs plugin: its options (``config``), the build events (``plugin``), the search index
    (``search``), the editor's preview (``preview``), and markup handed past Markdown
    (``rawhtml``, ``access``).
``commands``
    What each command does, with keyword-only options (``actions``), running MkDocs
    (``mkdocs_run``), ``legalsite check`` (``pr_check``) and ``legalsite new-site``
    (``new_site``); ``cli`` is the thin argument parser over them.

A word the site says goes in ``model/words.py``; a page's address in ``model/routes.py``; a rule
about a YAML file's form in its schema (``schemas/``); a new page kind in ``site/`` with its
route; a new check of the sources in ``sources/`` (run by ``commands.actions.validate``).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    # The installed distribution's: setuptools-scm made it from the git tag (pyproject.toml).
    __version__ = version("legalsite")
except PackageNotFoundError:  # imported from a source folder that was never installed
    __version__ = "0.0.0"
