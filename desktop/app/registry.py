"""Registry use cases: finding entities, and creating one (optionally linked to a mention at
once, as one undoable step)."""

from __future__ import annotations

from collections.abc import Iterable

from desktop.app.recording import UseCases, prefix_for, shorten
from desktop.core import model as core
from desktop.core.changes import Change, ChangeKind
from desktop.core.errors import MizanError
from desktop.storage import mentions, registry
from desktop.storage.ops import Ops


class RegistryUseCases(UseCases):
    def entities(self, query: str = "", limit: int = 50) -> list[core.RegistryEntity]:
        with self.db.reading() as session:
            return registry.find_entities(session, query, limit)

    def create_entity(
        self,
        name: str,
        type_: str | None,
        aliases: Iterable[str] = (),
        *,
        link_mention: int | None = None,
    ) -> tuple[str, Change]:
        """A new registry entity, optionally linked to a mention at once, as one undoable step."""
        name = name.strip()
        if not name:
            raise MizanError("an entity needs a name")
        names = [a.strip() for a in dict.fromkeys((name, *aliases)) if a.strip()]
        with self.db.writing() as session:
            key = registry.fresh_entity_key(session, name)
            ops = Ops()
            entity = ops.add_entity(key, name, type_)
            for alias in names:
                ops.add_alias(entity, alias)
            doc_id = None
            if link_mention is not None:
                ctx = mentions.mention_context(session, mention_id=link_mention)
                if ctx is None:
                    raise MizanError("that mention no longer exists")
                doc_id = ctx.document_id
                surface = ctx.text[ctx.start : ctx.end]
                ops.update_mention(
                    link_mention, entity=entity, prefix_len=prefix_for(surface, names)
                )
            change = self._record(
                session,
                ops,
                action="create_entity",
                description=f"new entity «{shorten(name)}»",
                document_id=doc_id,
                kinds={ChangeKind.ENTITY, ChangeKind.MENTION},
            )
            return key, change
