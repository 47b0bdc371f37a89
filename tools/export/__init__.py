"""Offline exports of the lessons: reveal.js decks and standalone HTML pages.

Built on nbconvert (our preprocessors and templates deriving from its ``reveal`` and
``lab`` templates); see :mod:`.exporters`. Entry points: ``build_slides``, ``build_html``.
"""
