/* eg-core.h - umbrella header of libengram-core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define EG_CORE_INSIDE

#include "eg-anchor.h"
#include "eg-annotation.h"
#include "eg-annotation-export.h"
#include "eg-store-backup.h"
#include "eg-card.h"
#include "eg-deck.h"
#include "eg-exporter.h"
#include "eg-fsrs.h"
#include "eg-fsrs-optimizer.h"
#include "eg-importer.h"
#include "eg-input.h"
#include "eg-markdown.h"
#include "eg-output.h"
#include "eg-plan.h"
#include "eg-plan-policy.h"
#include "eg-rendered-text.h"
#include "eg-repair.h"
#include "eg-scheduler.h"
#include "eg-search.h"
#include "eg-simulate.h"
#include "eg-stats.h"
#include "eg-stats-html.h"
#include "eg-store.h"
#include "eg-time.h"

#undef EG_CORE_INSIDE
