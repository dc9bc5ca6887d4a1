import streamlit as st
from ui import state
memory = state.current_memory()
st.title("smoke")
if memory: st.write(memory.network.memorised if memory.network else "none", memory.rule)
