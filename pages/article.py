"""Article: find one article and read it with its actor mentions and quotes marked."""

import streamlit as st

from ui.article_view import (
    analysis_caption,
    article_filters,
    article_header,
    article_row,
    article_text,
    choose_article,
    filter_articles,
    mentions_table,
    place_note,
    quotes_table,
    requested_article,
    stances_table,
)
from ui.corrections_view import add_stance
from ui.loaders import active_corpus, require_analysis
from ui.settings import get_settings
from ui.shell import start_page

start_page()
active = active_corpus(get_settings())
articles = active.tables.articles

st.title("Article")
st.caption(
    f"{active.label}. Find an article, then read it with the actors it mentions and the quotes"
    " it reports marked in the text. The address of the page links to the article."
)
analysis = require_analysis(active)

current = requested_article(articles)
with st.expander("Find an article", expanded=current is None, icon=":material/search:"):
    search, sources, dates = article_filters(articles, key="article")
    matches = filter_articles(articles, search=search, sources=sources, dates=dates)
    choose_article(matches, current, key="article")

if current is None:
    st.info("Choose an article above, or open a link to one.", icon=":material/article:")
    st.stop()

article = article_row(articles, current)
article_header(article)
place_note(article)
st.caption(analysis_caption(article, analysis))
article_text(article, analysis)

st.subheader("Stances")
stances_table(current, analysis)
add_stance(article, analysis, key="article_add")

st.subheader("Who is quoted")
quotes_table(current, analysis)

st.subheader("Actors mentioned")
mentions_table(current, analysis)
