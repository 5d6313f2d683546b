/* eg-damaged-page.h - a collection that cannot be used, and the ways back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "eg-backup-list.h"

G_BEGIN_DECLS

#define EG_TYPE_DAMAGED_PAGE (eg_damaged_page_get_type ())
G_DECLARE_FINAL_TYPE (EgDamagedPage, eg_damaged_page, EG, DAMAGED_PAGE, AdwBin)

void          eg_damaged_page_show     (EgDamagedPage *self,
                                        const char    *collection_path,
                                        const char    *message,
                                        gboolean       readable);
EgBackupList *eg_damaged_page_get_list (EgDamagedPage *self);
const char   *eg_damaged_page_get_description (EgDamagedPage *self);

G_END_DECLS
